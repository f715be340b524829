package io.semisup.console.service;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one check of the ids in a console path: ids, image hashes and report files start with a letter or digit and
 * hold no slash, so a crafted one ({@code ..}, an encoded {@code /}) cannot reach another endpoint of a service.
 */
public class PathIdCheck {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    @PathIds
    @ServerRequestFilter
    public void check(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
            for (String id : parameter.getValue()) {
                if (!isId(id)) {
                    throw new BadRequestException("not an id: '" + id + "'");
                }
            }
        }
    }

    /** Whether a value can be one segment of a service's path. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
