package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code auth.mode=jwt} on Payara Micro: the application deployed with the MicroProfile JWT settings
 * of a sign-in site whose key pair is made here; tokens signed here and checked by Payara's MP-JWT.
 * Queue tokens keep working as bearer credentials beside it.
 */
@ExtendWith({TestStores.class, ArquillianExtension.class})
@RunAsClient
class JwtApiIT {

    static final String ISSUER = "https://signin.example.com";
    static final String AUDIENCE = "https://concert.example.com";
    static final RSAKey SITE = key();
    static final RSAKey FORGER = key();

    static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        String config = "config_ordinal=500\nauth.mode=jwt\nmp.jwt.verify.issuer=" + ISSUER + "\n"
                + "mp.jwt.verify.audiences=" + AUDIENCE + "\n"
                + "mp.jwt.verify.publickey=" + Base64.getEncoder().encodeToString(SITE.toRSAPublicKey().getEncoded()) + "\n";
        return MicroDeployment.war().addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(base.toURI());
        TestStores.assertServerRunsOnTheChosenStores(base.toURI(), null);
    }

    /** The site's sign-in token for {@code user}, as the site makes it. */
    static JWTClaimsSet.Builder claims(String user) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).audience(AUDIENCE).issueTime(new Date())
                .jwtID(UUID.randomUUID().toString()).expirationTime(new Date(System.currentTimeMillis() + 300_000));
    }

    static String signIn(RSAKey key, String user) throws Exception {
        return signed(key, claims(user).build());
    }

    static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return "Bearer " + jwt.serialize();
    }

    private Http.Reply enter(String user, String... authorization) {
        String[] headers = authorization.length == 0 ? new String[] {"X-Forwarded-For", "10.90.0.1"}
                : new String[] {"Authorization", authorization[0], "X-Forwarded-For", "10.90.0.1"};
        return http.post("api/queue/tokens", "{\"userId\":\"" + user + "\"}", headers);
    }

    @Test
    void theQueueTokenGoesToTheSignedInUserOnly() throws Exception {
        String user = UUID.randomUUID().toString();

        Http.Reply first = enter(user, signIn(SITE, user));
        Http.Reply again = enter(user, signIn(SITE, user));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.object().getString("token")).isEqualTo(first.object().getString("token"));
        Http.Reply status = http.get("api/queue/status", "Authorization", "Bearer " + first.object().getString("token"));
        assertThat(status.status()).as("queue tokens still work as bearer credentials").isEqualTo(200);
    }

    @Test
    void nobodyElseTakesAPlaceInAUsersNameOrGetsTheirTokenBack() throws Exception {
        String victim = UUID.randomUUID().toString();
        String thief = UUID.randomUUID().toString();
        enter(victim, signIn(SITE, victim));

        Http.Reply stolen = enter(victim, signIn(SITE, thief));
        Http.Reply forged = enter(victim, signIn(FORGER, victim));
        Http.Reply anonymous = enter(victim);
        Http.Reply garbage = enter(victim, "Bearer not.a.jwt");

        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.object().getString("code")).isEqualTo("FORBIDDEN");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.object().getString("code")).isEqualTo("TOKEN_INVALID");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.object().getString("code")).isEqualTo("TOKEN_MISSING");
        assertThat(garbage.status()).isEqualTo(401);
        for (Http.Reply refused : new Http.Reply[] {stolen, forged, anonymous, garbage}) {
            assertThat(refused.body()).doesNotContain("\"token\"");
        }
    }

    @Test
    void everyTokenTheSiteDidNotMakeForThisUserHereAndNowIsRefused() throws Exception {
        String user = UUID.randomUUID().toString();
        Date past = new Date(System.currentTimeMillis() - 3_600_000);
        String publicKeyAsMacSecret = Base64.getEncoder().encodeToString(SITE.toRSAPublicKey().getEncoded());
        SignedJWT mac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims(user).build());
        mac.sign(new MACSigner(publicKeyAsMacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("another issuer", signed(SITE, claims(user).issuer("https://evil.example.com").build()));
        refused.put("another audience", signed(SITE, claims(user).audience("https://other-app.example.com").build()));
        refused.put("expired", signed(SITE, claims(user).issueTime(past).expirationTime(past).build()));
        refused.put("no expiry", signed(SITE, claims(user).expirationTime(null).build()));
        refused.put("no subject", signed(SITE, claims(user).subject(null).build()));
        refused.put("HS256 keyed with the public key", "Bearer " + mac.serialize());
        refused.put("alg none", "Bearer " + new PlainJWT(claims(user).build()).serialize());
        String good = signIn(SITE, user);
        String forged = signIn(FORGER, user);
        refused.put("a good token's claims under another signature",
                good.substring(0, good.lastIndexOf('.') + 1) + forged.substring(forged.lastIndexOf('.') + 1));

        refused.forEach((why, token) -> {
            Http.Reply reply = enter(user, token);
            assertThat(reply.status()).as(why).isEqualTo(401);
            assertThat(reply.object().getString("code")).as(why).isEqualTo("TOKEN_INVALID");
        });
        assertThat(enter(user, signIn(SITE, user)).status()).as("the same user with a good token").isEqualTo(201);
    }
}
