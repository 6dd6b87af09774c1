package dev.concert.web.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.concert.infrastructure.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code auth.mode=jwt}: the site's sign-in token (a signed JWT) says who may take a place in line.
 * Configured with MicroProfile JWT's own names ({@code mp.jwt.verify.publickey} — PEM, JWK or JWKS —
 * or {@code mp.jwt.verify.publickey.location} — a file or a class-path resource — and
 * {@code mp.jwt.verify.issuer}); checked with Nimbus JOSE+JWT, the library Payara's MP-JWT runs on.
 * Payara's MP-JWT authentication mechanism itself cannot be switched on here: it answers 401 to every
 * bearer credential that is not a JWT, and this API's queue tokens and admin key are bearer
 * credentials too (documents/security.md).
 *
 * <p>A token passes when its signature is by the configured key (RS256/384/512 or ES256/384/512, never
 * "none" or a MAC), its {@code iss} is the configured issuer, it has not expired (60 s of clock skew
 * allowed), it names a {@code sub}, and, when {@code mp.jwt.verify.audiences} is set, its {@code aud}
 * names one of them (a token the site made for another application is not a ticket here).
 */
@ApplicationScoped
public class SignInTokens {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    @Inject
    Settings settings;

    private DefaultJWTProcessor<SecurityContext> processor;

    public SignInTokens() {
    }

    /** For tests: a checker of tokens from {@code issuer} signed by {@code keys} (PEM, JWK or JWKS). */
    public static SignInTokens of(String issuer, String keys) {
        return of(issuer, keys, Set.of());
    }

    /** The same, accepting only tokens meant for one of {@code audiences} (none: any audience). */
    public static SignInTokens of(String issuer, String keys, Set<String> audiences) {
        SignInTokens tokens = new SignInTokens();
        tokens.processor = processor(issuer, parse(keys), audiences);
        return tokens;
    }

    /** Builds the checker at deployment, so that a bad key or location stops it with a message. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        required();
    }

    @PostConstruct
    void configure() {
        if (settings.authMode() != Settings.AuthMode.JWT) {
            return;
        }
        String keys = settings.jwtKey().orElseGet(() -> read(settings.jwtKeyLocation().orElseThrow()));
        processor = processor(settings.jwtIssuer().orElseThrow(), parse(keys), settings.jwtAudiences());
    }

    /** Whether token issue needs a sign-in token (auth.mode=jwt). */
    public boolean required() {
        return processor != null;
    }

    /** The verified token's subject; empty when the token is malformed, forged, expired or from elsewhere. */
    public Optional<String> subject(String token) {
        if (processor == null || token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(processor.process(token, null).getSubject());
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException refused) {
            return Optional.empty();
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(String issuer, JWKSet keys, Set<String> audiences) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audiences.isEmpty() ? null : audiences,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                audiences.isEmpty() ? Set.of("sub", "exp") : Set.of("sub", "exp", "aud"), null));
        return processor;
    }

    /** A PEM public key (or its bare base64), a JWK, or a JWK set. */
    static JWKSet parse(String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("{")) {
                return trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
            }
            byte[] der = Base64.getMimeDecoder().decode(trimmed.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
            List<JWK> keys = new ArrayList<>();
            PublicKey key = publicKey(der);
            if (key instanceof RSAPublicKey rsa) {
                keys.add(new RSAKey.Builder(rsa).build());
            } else if (key instanceof ECPublicKey ec) {
                keys.add(new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build());
            }
            return new JWKSet(keys);
        } catch (ParseException | IllegalArgumentException | java.security.GeneralSecurityException unreadable) {
            throw new IllegalStateException("Invalid configuration: mp.jwt.verify.publickey is not a PEM public key, "
                    + "a JWK or a JWK set", unreadable);
        }
    }

    private static PublicKey publicKey(byte[] der) throws java.security.GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    /** The key at {@code mp.jwt.verify.publickey.location}: a file (path or file: URL) or a class-path resource. */
    static String read(String location) {
        try {
            String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
            if (Files.isRegularFile(Path.of(path))) {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8);
            }
            String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
                if (in == null) {
                    throw new IllegalStateException("Invalid configuration: mp.jwt.verify.publickey.location " + location
                            + " is neither a file nor a class-path resource");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | java.nio.file.InvalidPathException unreadable) {
            throw new IllegalStateException("Invalid configuration: cannot read mp.jwt.verify.publickey.location "
                    + location, unreadable);
        }
    }
}
