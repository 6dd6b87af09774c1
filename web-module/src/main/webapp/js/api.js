// The contract's API, relative to the page. Every failure becomes an ApiError carrying the problem's code and detail.

export class ApiError extends Error {
    constructor(status, code, detail) {
        super(detail || code);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }
}

export function api(base) {
    async function call(method, path, {token, body, headers = {}} = {}) {
        const init = {method, headers: {Accept: 'application/json', ...headers}};
        if (token) {
            init.headers.Authorization = `Bearer ${token}`;
        }
        if (body !== undefined) {
            init.headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(`${base}api/${path}`, init);
        } catch (offline) {
            throw new ApiError(0, 'NETWORK', offline.message);
        }
        const text = await response.text();
        const json = text ? JSON.parse(text) : null;
        if (!response.ok) {
            throw new ApiError(response.status, (json && json.code) || 'UNKNOWN', json && json.detail);
        }
        return json;
    }
    return {
        get: (path, options) => call('GET', path, options),
        post: (path, body, options = {}) => call('POST', path, {...options, body}),
        put: (path, body, options = {}) => call('PUT', path, {...options, body}),
        del: (path, options) => call('DELETE', path, options),
    };
}
