package dev.concert.web.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * {@code auth.mode=jwt}: Payara's MicroProfile JWT checks the site's sign-in token on token issue, and
 * on nothing else.
 *
 * <p>{@link LoginConfig} switches Payara's MP-JWT on: its identity store (key from
 * {@code mp.jwt.verify.publickey[.location]}, {@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences})
 * and its authentication mechanism. Left alone, that mechanism would answer 401 to every
 * {@code Authorization: Bearer} value that is not a JWT — and this API's queue tokens and admin key are
 * bearer credentials too. So this mechanism takes its place ({@link Alternative}) and hands it only
 * {@code POST /api/queue/tokens}; a refused JWT leaves the request unauthenticated instead of ending it,
 * and the resource answers 401 {@code TOKEN_INVALID} as problem+json like every other refusal.
 *
 * <p>In {@code auth.mode=trust} this class is vetoed ({@link SignInExtension}): no MP-JWT, no Jakarta
 * Security on any request.
 */
@LoginConfig(authMethod = "MP-JWT")
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

    /** The one request that carries a sign-in token. */
    static final String TOKEN_ISSUE = "/api/queue/tokens";

    @Inject
    BeanManager beans;

    private volatile HttpAuthenticationMechanism microProfileJwt;

    public SignInMechanism() {
    }

    SignInMechanism(HttpAuthenticationMechanism microProfileJwt) {
        this.microProfileJwt = microProfileJwt;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (!carriesSignIn(request)) {
            return context.doNothing();
        }
        return microProfileJwt().validateRequest(request, response, new HttpMessageContextWrapper(context) {
            @Override
            public AuthenticationStatus responseUnauthorized() {
                return context.doNothing();   // the resource refuses it, with a body that says why
            }
        });
    }

    static boolean carriesSignIn(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && TOKEN_ISSUE.equals(path)
                && Bearer.credential(request.getHeader("Authorization")).isPresent();
    }

    /** Payara's MP-JWT mechanism: the other bean of this type, which this alternative hides from the container. */
    private HttpAuthenticationMechanism microProfileJwt() {
        HttpAuthenticationMechanism mechanism = microProfileJwt;
        if (mechanism == null) {
            Bean<?> payaras = beans.getBeans(HttpAuthenticationMechanism.class).stream()
                    .filter(bean -> !SignInMechanism.class.equals(bean.getBeanClass()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("MicroProfile JWT is not available on this server"));
            mechanism = (HttpAuthenticationMechanism) beans.getReference(payaras, HttpAuthenticationMechanism.class,
                    beans.createCreationalContext(payaras));
            microProfileJwt = mechanism;
        }
        return mechanism;
    }
}
