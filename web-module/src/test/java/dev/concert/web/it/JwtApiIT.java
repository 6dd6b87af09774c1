package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.util.Base64;
import java.util.Date;
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
 * of a sign-in site whose key pair is made here; tokens signed here. Queue tokens keep working as
 * bearer credentials beside it.
 */
@ExtendWith({TestStores.class, ArquillianExtension.class})
@RunAsClient
class JwtApiIT {

    static final String ISSUER = "https://signin.example.com";
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
                + "mp.jwt.verify.publickey=" + Base64.getEncoder().encodeToString(SITE.toRSAPublicKey().getEncoded()) + "\n";
        return MicroDeployment.war().addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL base;

    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(base.toURI());
    }

    static String signIn(RSAKey key, String user) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).issueTime(new Date())
                        .expirationTime(new Date(System.currentTimeMillis() + 300_000)).build());
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
}
