package dev.concert.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code ratelimit.trusted-proxies}, read and checked once: a wrong entry stops the deployment with its name. */
@ApplicationScoped
public class ForwardingProxies {

    @Inject
    @ConfigProperty(name = "ratelimit.trusted-proxies")
    Optional<String> configured;

    private TrustedProxies trusted = TrustedProxies.none();

    @PostConstruct
    void read() {
        trusted = TrustedProxies.of(configured.orElse(""));
    }

    /** Made when the application starts, so that a wrong entry fails the deployment, not the first token request. */
    void readAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // observing made this bean, and read() ran
    }

    public TrustedProxies trusted() {
        return trusted;
    }

    /** The client a request comes from, for per-client limits and audit lines ({@link ClientAddress}). */
    public String clientOf(HttpServletRequest request) {
        return ClientAddress.of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")), trusted);
    }
}
