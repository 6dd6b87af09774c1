// Swagger UI on this server's own MicroProfile OpenAPI document (served at the server's root, /openapi).
window.addEventListener('load', () => {
    window.ui = window.SwaggerUIBundle({
        url: new URL('/openapi', window.location.href).href,
        dom_id: '#swagger-ui',
        deepLinking: true,
        tryItOutEnabled: false,
    });
});
