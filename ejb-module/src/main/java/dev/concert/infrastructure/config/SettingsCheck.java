package dev.concert.infrastructure.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Checks the configuration at deployment, before the first request: a wrong value fails the deployment. */
@Singleton
@Startup
public class SettingsCheck {

    private static final Logger LOG = Logger.getLogger(SettingsCheck.class.getName());

    @Inject
    Settings settings;

    @PostConstruct
    void check() {
        settings.check();
        LOG.info(() -> "Settings: hold " + settings.holdSeconds() + " s, active max " + settings.activeMax()
                + ", admit " + settings.admitPerSecond() + "/s, active ttl " + settings.activeTtlSeconds()
                + " s, max charge " + settings.maxCharge() + " won, auth " + settings.authMode()
                + ", admin API " + (settings.adminApiKey().isPresent() ? "on" : "off"));
    }
}
