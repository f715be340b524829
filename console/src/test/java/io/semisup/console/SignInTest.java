package io.semisup.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.response.Response;
import io.semisup.contracts.security.Roles;
import io.semisup.testing.TestCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing in and out, and how the console refuses: pages send a person to sign in, its API answers JSON. */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class SignInTest {

    private static final String COOKIE = "semisup-key";

    @BeforeAll
    static void noRedirects() {
        RestAssured.config = RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }

    /** The test-support's default admin key is for the services' tests: here every request says who it is. */
    @BeforeEach
    void noKeyByDefault() {
        RestAssured.replaceFiltersWith(List.of());
    }

    @Test
    void aPageWithoutSignInSendsToTheSignInPageAndBack() {
        given().get("/console/jobs").then().statusCode(303)
                .header("Location", endsWith("/console/login?then=%2Fconsole%2Fjobs"));
        given().get("/console/login?then=/console/jobs").then().statusCode(200)
                .body(containsString("name=\"key\""), containsString("value=\"/console/jobs\""));
        given().get("/").then().statusCode(303).header("Location", endsWith("/console/datasets"));
    }

    @Test
    void aKnownKeySignsInWithACookieScriptsCannotReadAndOtherSitesCannotSend() {
        Response signedIn = signIn(TestCredentials.apiKey(Roles.VIEWER), "/console/models");
        signedIn.then().statusCode(303).header("Location", endsWith("/console/models"));
        String setCookie = signedIn.getHeader("Set-Cookie");
        assertTrue(setCookie.startsWith(COOKIE + "=" + TestCredentials.apiKey(Roles.VIEWER)), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
    }

    @Test
    void anUnknownKeyIsRefusedWithTheReasonAndNoCookie() {
        Response refused = signIn("sk_not_a_key", "/console/jobs");
        refused.then().statusCode(401).body(containsString("That key is not known"));
        assertEquals(null, refused.getHeader("Set-Cookie"));
    }

    @Test
    void signingInNeverSendsAnywhereElse() {
        signIn(TestCredentials.apiKey(Roles.VIEWER), "https://elsewhere.example/").then().statusCode(303)
                .header("Location", endsWith("/console/datasets"));
        signIn(TestCredentials.apiKey(Roles.VIEWER), "//elsewhere.example/console/").then().statusCode(303)
                .header("Location", endsWith("/console/datasets"));
    }

    @Test
    void aRevokedKeyInTheCookieSendsBackToSignInWithTheReason() {
        given().cookie(COOKIE, "sk_revoked").get("/console/datasets").then().statusCode(303)
                .header("Location", containsString("/console/login?then=%2Fconsole%2Fdatasets&reason=Your+key+is+no+longer+valid"));
    }

    @Test
    void theConsolesApiAnswersJsonWithTheReason() {
        given().contentType("application/json").body("{}").post("/console/api/jobs").then().statusCode(401).contentType("application/json")
                .body("error", containsString("authentication required"));
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).contentType("application/json").body("{}")
                .post("/console/api/jobs").then().statusCode(403).body("error", containsString("role"));
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.LABELLER)).delete("/console/api/models/active/pin")
                .then().statusCode(403);
    }

    @Test
    void aServiceThatCannotBeReachedIsSaidOnThePageAndToScripts() {
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).get("/console/datasets").then().statusCode(502)
                .contentType("text/html").body(containsString("dataset-service cannot be reached"));
        given().header("X-API-Key", TestCredentials.apiKey(Roles.ADMIN)).contentType("application/json").body("{}")
                .post("/console/api/jobs").then().statusCode(502)
                .body("error", containsString("trainer-service cannot be reached"));
    }

    @Test
    void aPageTheConsoleCannotShowSaysWhyOnAPage() {
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).get("/console/jobs/compare").then()
                .statusCode(400).contentType("text/html").body(containsString("datasetId is required"));
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).get("/console/no-such-page").then()
                .statusCode(404).contentType("text/html");
        // An id is one path segment of the service's API, never a way to another endpoint.
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).get("/console/datasets/..%2Fjobs").then()
                .statusCode(400).body(containsString("not an id"));
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).get("/console/api/jobs/-x/report/a.png").then()
                .statusCode(400).contentType("application/json").body("error", containsString("not an id"));
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).get("/console/api/datasets/d1/images/..%2F..")
                .then().statusCode(400).contentType("application/json").body("error", containsString("not an id"));
        given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).get("/console/datasets/.x/label").then()
                .statusCode(400).contentType("text/html").body(containsString("not an id"));
    }

    @Test
    void signingOutForgetsTheKey() {
        Response out = given().cookie(COOKIE, TestCredentials.apiKey(Roles.VIEWER)).post("/console/logout");
        out.then().statusCode(303).header("Location", containsString("/console/login"));
        assertTrue(out.getHeader("Set-Cookie").matches(COOKIE + "=;.*Max-Age=0.*"), out.getHeader("Set-Cookie"));
    }

    @Test
    void theStylesheetAndScriptAreServedWithoutSignIn() {
        given().get("/console/console.js").then().statusCode(200).body(containsString("EventSource"));
        given().get("/console/console.css").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static Response signIn(String key, String then) {
        return given().contentType("application/x-www-form-urlencoded").formParam("key", key).formParam("then", then)
                .post("/console/login");
    }
}
