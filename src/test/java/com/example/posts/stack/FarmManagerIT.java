package com.example.posts.stack;

import static com.example.posts.stack.FrontDoorClient.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The farm's Manager as docs/farm-security.md sets it up: on a connector of its own that nginx never proxies
 * to, for the deployer's address only (judged on the TCP peer), with a realm that locks out a guesser.
 * The deploys through it are DeployTomcatScriptIT's and FarmUnderLoadIT's.
 */
class FarmManagerIT {
    private static final String DEPLOYER_CREDENTIALS = Base64.getEncoder().encodeToString(
            (TomcatServer.MANAGER_USER + ":" + TomcatServer.MANAGER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final Farm farm = Farm.shared();

    @Test
    void managerAnswersTheDeployerOnItsOwnConnectorAndRefusesItOnTheServiceConnectorThatNginxProxiesTo() {
        for (TomcatServer server : farm.servers()) {
            HttpResponse<String> own = listAsDeployer(server.managerUri());
            HttpResponse<String> proxied = listAsDeployer(server.uri());

            assertEquals(200, own.statusCode(), own.body());
            assertTrue(own.body().startsWith("OK - Listed applications"), own.body());
            assertEquals(403, proxied.statusCode(), proxied.body());
            assertFalse(proxied.body().contains("OK - Listed applications"), proxied.body());
        }
    }

    private static HttpResponse<String> listAsDeployer(URI connector) {
        return TomcatServer.manager(connector, TomcatServer.MANAGER_USER, TomcatServer.MANAGER_PASSWORD, "list");
    }

    @Test
    void theProxysAddressIsRefusedOnTheManagerConnectorWhateverItsForwardedForSays() throws Exception {
        // Tomcat believes X-Forwarded-For from the proxy's address: without usePeerAddress this would be the deployer.
        for (TomcatServer server : farm.servers()) {
            String answer = raw(TestedStack.PROXY_ADDRESS, server.managerUri(), "GET /manager/text/list HTTP/1.1\r\n"
                    + "Host: x\r\nAuthorization: Basic " + DEPLOYER_CREDENTIALS + "\r\n"
                    + "X-Forwarded-For: " + TomcatServer.DEPLOYER_ADDRESS + "\r\nConnection: close\r\n\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertFalse(answer.contains("OK - Listed applications"), answer);
        }
    }

    @Test
    void afterFiveWrongPasswordsTheRightOneIsRefusedToo() {
        TomcatServer server = farm.servers().get(0);
        assertEquals(200, probe(server, TomcatServer.MANAGER_PASSWORD).statusCode());

        for (int i = 0; i < TomcatServer.LOCKOUT_FAILURES; i++) {
            assertEquals(401, probe(server, "guess-" + i).statusCode());
        }
        HttpResponse<String> locked = probe(server, TomcatServer.MANAGER_PASSWORD);

        assertEquals(401, locked.statusCode(), locked.body());
        // Only the guessed user is locked out: the deployer still deploys.
        assertTrue(server.manager("list").startsWith("OK"));
    }

    private static HttpResponse<String> probe(TomcatServer server, String password) {
        return TomcatServer.manager(server.managerUri(), TomcatServer.LOCKOUT_PROBE_USER, password, "list");
    }
}
