package io.semisup.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.semisup.contracts.security.ApiKeys;
import io.semisup.contracts.security.Roles;

/**
 * Every RestAssured request of a service test carries the admin's API key, so tests of behaviour need not repeat
 * it; a request that sets its own key keeps it. Tests of access itself ({@link EndpointAccess}) use their own HTTP
 * client.
 */
public class AdminKeyByDefault implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(AdminKey.class::isInstance)) {
            RestAssured.filters(new AdminKey());
        }
    }

    private static final class AdminKey implements Filter {

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            if (!request.getHeaders().hasHeaderWithName(ApiKeys.HEADER)) {
                request.header(ApiKeys.HEADER, TestCredentials.apiKey(Roles.ADMIN));
            }
            return context.next(request, response);
        }
    }
}
