package dev.concert.web.security;

import dev.concert.web.error.LogLines;
import dev.concert.web.error.RequestId;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One audit line per admin action (every admin request that changes something, and every refused
 * admin request): who (client address, and a fingerprint of the key: the first 8 hex digits of its
 * SHA-256, never the key), what (method, path), and the answer's status. Logger {@code dev.concert.audit}.
 */
@Provider
@AdminOnly
public class AdminAudit implements ContainerResponseFilter {

    static final Logger AUDIT = Logger.getLogger("dev.concert.audit");

    @Context
    HttpServletRequest http;

    @Inject
    ForwardingProxies proxies;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean change = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        if (!change && response.getStatus() < 400) {
            return;
        }
        String client = http == null ? "unknown" : proxies.clientOf(http);
        AUDIT.log(record(request.getMethod(), request.getUriInfo().getPath(), response.getStatus(), client,
                Bearer.credential(request).orElse(null)));
    }

    /** The audit line of an operator's request: the action and the key's fingerprint, never the key. */
    static LogRecord record(String method, String path, int status, String client, String key) {
        String action = "/" + path.replaceFirst("^/", "");
        String keyFingerprint = fingerprint(key);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method);
        fields.put("path", action);
        fields.put("status", status);
        fields.put("client", client);
        fields.put("key", keyFingerprint);
        return LogLines.record(AUDIT.getName(), Level.INFO, "admin " + method + " " + action + " -> " + status + " from " + client
                + " key " + keyFingerprint + " request " + RequestId.current(), fields);
    }

    static String fingerprint(String key) {
        if (key == null || key.isEmpty()) {
            return "none";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
