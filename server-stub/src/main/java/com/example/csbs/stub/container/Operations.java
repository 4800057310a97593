package com.example.csbs.stub.container;

import com.example.csbs.stub.api.BackupApi;
import com.example.csbs.stub.api.PolicyApi;
import com.example.csbs.stub.api.QuotaApi;
import com.example.csbs.stub.api.ResourceApi;
import com.example.csbs.stub.api.RestoreApi;
import com.example.csbs.stub.api.TagApi;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The spec's operations by method and path, read from the generated JAX-RS interfaces (the method
 * name is the operationId), so that the server in front of Jersey can tell which operation a request
 * is for before Jersey routes it.
 */
public final class Operations {

    private record Route(String httpMethod, Pattern path, String operationId) {
    }

    private static final Operations CSBS = new Operations(BackupApi.class, PolicyApi.class, ResourceApi.class,
            RestoreApi.class, QuotaApi.class, TagApi.class);

    private final List<Route> routes = new ArrayList<>();

    private Operations(Class<?>... apis) {
        for (Class<?> api : apis) {
            String base = pathOf(api);
            for (Method method : api.getMethods()) {
                String httpMethod = httpMethodOf(method);
                if (httpMethod != null) {
                    String template = (base + "/" + pathOf(method)).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                    routes.add(new Route(httpMethod, toPattern(template), method.getName()));
                }
            }
        }
        // A literal segment wins over a parameter (…/checkpoint_items/count over …/{checkpoint_item_id}).
        routes.sort((a, b) -> Integer.compare(b.path.pattern().length(), a.path.pattern().length()));
    }

    /** The CSBS operations of the spec. */
    public static Operations csbs() {
        return CSBS;
    }

    /** The operationId a request is for, if it is for one. */
    public Optional<String> match(String httpMethod, String path) {
        for (Route route : routes) {
            if (route.httpMethod.equals(httpMethod) && route.path.matcher(path).matches()) {
                return Optional.of(route.operationId);
            }
        }
        return Optional.empty();
    }

    /** Whether the path is one of the spec's, by any method (as sent: no slashes merged, nothing decoded). */
    public boolean hasPath(String path) {
        for (Route route : routes) {
            if (route.path.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    public Set<String> operationIds() {
        Set<String> ids = new TreeSet<>();
        routes.forEach(route -> ids.add(route.operationId));
        return ids;
    }

    private static Pattern toPattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static String pathOf(java.lang.reflect.AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }
}
