package dev.concert.web.security;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps {@link SignInMechanism} — and with it Payara's MicroProfile JWT and Jakarta Security — out of the
 * application unless {@code auth.mode=jwt}: with the default {@code trust} no request pays for an
 * authentication step it does not use.
 */
public class SignInExtension implements Extension {

    void onlyWithJwt(@Observes ProcessAnnotatedType<SignInMechanism> mechanism) {
        String mode = ConfigProvider.getConfig().getOptionalValue("auth.mode", String.class).orElse("trust");
        if (!"jwt".equals(mode.strip().toLowerCase(Locale.ROOT))) {
            mechanism.veto();
        }
    }
}
