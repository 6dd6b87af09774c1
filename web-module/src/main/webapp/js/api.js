// The contract's API, relative to the page. Every failure becomes an ApiError carrying the problem's code
// (never shown to the fan as it is: the page words each code itself) and the HTTP status.

export class ApiError extends Error {
    constructor(status, code, detail) {
        super(detail || code);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    /**
     * Whether the server may have done what was asked: no answer at all, or a 5xx (a proxy's 502 while
     * the instance was committing). A retry of such a request must carry the same Idempotency-Key.
     */
    get outcomeUnknown() {
        return this.status === 0 || this.status >= 500;
    }
}

/** The body as JSON, or null when it is empty or not JSON (a proxy's HTML error page). */
function parse(text) {
    if (!text) {
        return null;
    }
    try {
        return JSON.parse(text);
    } catch (notJson) {
        return null;
    }
}

/** The code of a failed answer: the problem's own, else one that says what kind of failure it was. */
function codeOf(status, json) {
    if (json && typeof json.code === 'string') {
        return json.code;
    }
    if (status === 503 || status === 502 || status === 504) {
        return 'SERVICE_UNAVAILABLE';
    }
    return status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN';
}

export function api(base) {
    async function call(method, path, {token, body, headers = {}} = {}) {
        const init = {method, headers: {Accept: 'application/json', ...headers}, cache: 'no-store'};
        if (token) {
            init.headers.Authorization = `Bearer ${token}`;
        }
        if (body !== undefined) {
            init.headers['Content-Type'] = 'application/json';
            init.body = typeof body === 'string' ? body : JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(`${base}api/${path}`, init);
        } catch (offline) {
            throw new ApiError(0, 'NETWORK', offline.message);
        }
        if (response.status === 304) {
            return null;   // not modified: what the caller has is current
        }
        const json = parse(await response.text());
        if (!response.ok) {
            throw new ApiError(response.status, codeOf(response.status, json), json && json.detail);
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
