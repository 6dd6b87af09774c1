package dev.concert.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    public TrustedProxies trusted() {
        return trusted;
    }
}
