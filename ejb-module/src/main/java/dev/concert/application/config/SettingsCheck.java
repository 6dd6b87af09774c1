package dev.concert.application.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;

/** Checks the configuration at deployment, before the first request: a wrong value fails the deployment. */
@Singleton
@Startup
public class SettingsCheck {

    private static final Logger LOG = Logger.getLogger(SettingsCheck.class.getName());

    @Inject
    Settings settings;

    /** Made here so that a wrong catalog.time-zone fails the deployment, not the first request. */
    @Inject
    Clock clock;

    @PostConstruct
    void check() {
        settings.check();
        LOG.info(() -> "Settings: hold " + settings.holdSeconds() + " s, active max " + settings.activeMax()
                + ", admit " + settings.admitPerSecond() + "/s, active ttl " + settings.activeTtlSeconds()
                + " s, max charge " + settings.maxCharge() + " won, auth " + settings.authMode()
                + ", admin API " + (settings.adminApiKey().isPresent() ? "on" : "off") + ", today in " + clock.getZone());
    }
}
