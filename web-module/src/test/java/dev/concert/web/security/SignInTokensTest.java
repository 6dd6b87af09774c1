package dev.concert.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Sign-in tokens made and signed here, with key pairs made here. */
class SignInTokensTest {

    static final String ISSUER = "https://signin.example.com";
    static final String USER = "6f1c2b0e-8d3a-4c51-9a1e-0b7d2f4e6a10";
    static final RSAKey RSA = generate();
    static final RSAKey OTHER_RSA = generate();

    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("site").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sign-in token as the site would make it. */
    static String token(JWSSigner signer, JWSAlgorithm algorithm, String issuer, String subject, long expiresInSeconds)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000));
        if (subject != null) {
            claims.subject(subject);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    static String pem(RSAKey key) throws Exception {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void aTokenSignedByTheSiteNamesItsUser() throws Exception {
        SignInTokens tokens = SignInTokens.of(ISSUER, pem(RSA));

        assertThat(tokens.required()).isTrue();
        assertThat(tokens.subject(token(new RSASSASigner(RSA), JWSAlgorithm.RS256, ISSUER, USER, 300))).contains(USER);
    }

    @Test
    void keysMayBeGivenAsJwkSetsAndEllipticCurves() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        SignInTokens tokens = SignInTokens.of(ISSUER, new JWKSet(java.util.List.of(RSA.toPublicJWK(), ec.toPublicJWK())).toString());

        assertThat(tokens.subject(token(new ECDSASigner(ec), JWSAlgorithm.ES256, ISSUER, USER, 300))).contains(USER);
        assertThat(tokens.subject(token(new RSASSASigner(RSA), JWSAlgorithm.RS256, ISSUER, USER, 300))).contains(USER);
    }

    @Test
    void forgedExpiredForeignOrAnonymousTokensNameNobody() throws Exception {
        SignInTokens tokens = SignInTokens.of(ISSUER, pem(RSA));
        byte[] publicKeyAsSecret = RSA.toRSAPublicKey().getEncoded();

        assertThat(tokens.subject(token(new RSASSASigner(OTHER_RSA), JWSAlgorithm.RS256, ISSUER, USER, 300))).as("other key").isEmpty();
        assertThat(tokens.subject(token(new RSASSASigner(RSA), JWSAlgorithm.RS256, "https://evil.example", USER, 300))).as("issuer").isEmpty();
        assertThat(tokens.subject(token(new RSASSASigner(RSA), JWSAlgorithm.RS256, ISSUER, USER, -120))).as("expired").isEmpty();
        assertThat(tokens.subject(token(new RSASSASigner(RSA), JWSAlgorithm.RS256, ISSUER, null, 300))).as("no sub").isEmpty();
        assertThat(tokens.subject(token(new MACSigner(java.util.Arrays.copyOf(publicKeyAsSecret, 64)), JWSAlgorithm.HS256,
                ISSUER, USER, 300))).as("HMAC with the public key").isEmpty();
        assertThat(tokens.subject(new PlainJWT(new JWTClaimsSet.Builder().issuer(ISSUER).subject(USER)
                .expirationTime(new Date(System.currentTimeMillis() + 300_000)).build()).serialize())).as("alg none").isEmpty();
        for (String junk : new String[] {"", "x", "a.b.c", "Bearer", "ey.ey.ey"}) {
            assertThat(tokens.subject(junk)).as(junk).isEmpty();
        }
    }

    @Test
    void aKeyThatIsNoKeyStopsTheDeployment() {
        assertThatThrownBy(() -> SignInTokens.of(ISSUER, "not a key")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mp.jwt.verify.publickey");
        assertThatThrownBy(() -> SignInTokens.read("/no/such/key.pem")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mp.jwt.verify.publickey.location");
    }

    @Test
    void aKeyIsReadFromAFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("site", ".pem");
        java.nio.file.Files.writeString(file, pem(RSA));
        SignInTokens tokens = SignInTokens.of(ISSUER, SignInTokens.read(file.toString()));
        assertThat(tokens.subject(token(new RSASSASigner(RSA), JWSAlgorithm.RS256, ISSUER, USER, 300))).contains(USER);
    }

    @Test
    void withAudiencesConfiguredATokenMustBeMeantForUs() throws Exception {
        SignInTokens tokens = SignInTokens.of(ISSUER, pem(RSA), java.util.Set.of("concert-queue"));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(USER)
                .expirationTime(new Date(System.currentTimeMillis() + 300_000));

        assertThat(tokens.subject(sign(claims.audience("concert-queue").build()))).contains(USER);
        assertThat(tokens.subject(sign(claims.audience("another-app").build()))).as("another audience").isEmpty();
        assertThat(tokens.subject(sign(claims.audience((String) null).build()))).as("no audience").isEmpty();
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(RSA));
        return jwt.serialize();
    }
}
