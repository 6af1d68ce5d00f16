package io.labelstream.console.passthrough;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The services' documented public REST paths, the only ones the console forwards. Health, metrics and
 * OpenAPI documents ({@code /q/...}) and anything undocumented stay unreachable through the console, so
 * the pass-through never widens what a browser can reach beyond what each service publishes.
 */
public final class PublicPaths {

    private static final String ID = "[0-9a-fA-F-]{36}";
    private static final String NAME = "[^/]+";

    private record Route(String method, Pattern path) {
    }

    private static final Map<String, List<Route>> ROUTES = Map.of(
            "ingestion", List.of(
                    route("GET", "/projects"),
                    route("POST", "/projects"),
                    route("GET", "/projects/" + ID),
                    route("PATCH", "/projects/" + ID),
                    route("POST", "/projects/" + ID + "/state"),
                    route("GET", "/projects/" + ID + "/versions"),
                    route("GET", "/projects/" + ID + "/items"),
                    route("POST", "/projects/" + ID + "/items"),
                    route("POST", "/projects/" + ID + "/items/batch"),
                    route("GET", "/projects/" + ID + "/items/" + ID)),
            "assignment", List.of(
                    route("POST", "/projects/" + ID + "/tasks/next"),
                    route("GET", "/projects/" + ID + "/assignments"),
                    route("GET", "/assignments/" + ID),
                    route("POST", "/assignments/" + ID + "/release"),
                    route("POST", "/assignments/" + ID + "/heartbeat")),
            "annotation", List.of(
                    route("POST", "/assignments/" + ID + "/annotation"),
                    route("GET", "/assignments/" + ID + "/suggestion"),
                    route("GET", "/annotations/mine"),
                    route("GET", "/items/" + ID + "/annotations")),
            "quality", List.of(
                    route("GET", "/projects/" + ID + "/quality/(progress|calibration|agreement|agreement/pairs)"),
                    route("GET", "/projects/" + ID + "/quality/items(/" + ID + ")?"),
                    route("GET", "/projects/" + ID + "/quality/annotators(/" + NAME + ")?")),
            "adjudication", List.of(
                    route("GET", "/projects/" + ID + "/reviews"),
                    route("POST", "/projects/" + ID + "/reviews/lease"),
                    route("GET", "/projects/" + ID + "/reviews/" + ID),
                    route("POST", "/projects/" + ID + "/reviews/" + ID + "/(decision|return|invalidation)"),
                    route("POST", "/projects/" + ID + "/gold/" + ID + "/(corrections|invalidation)"),
                    route("GET", "/projects/" + ID + "/overturns"),
                    route("GET", "/projects/" + ID + "/dataset"),
                    route("GET", "/projects/" + ID + "/releases"),
                    route("POST", "/projects/" + ID + "/releases"),
                    route("GET", "/projects/" + ID + "/releases/" + NAME + "(/data)?")),
            "learning", List.of(
                    route("GET", "/projects/" + ID + "/models"),
                    route("POST", "/projects/" + ID + "/models/latest/predict")));

    private PublicPaths() {
    }

    private static Route route(String method, String path) {
        return new Route(method, Pattern.compile(path));
    }

    /** The services the console knows by their short names. */
    public static Set<String> services() {
        return ROUTES.keySet();
    }

    /** Whether {@code method path} (path without its query) is a public path of {@code service}. */
    public static boolean allows(String service, String method, String path) {
        List<Route> routes = ROUTES.get(service);
        if (routes == null || path.contains("..") || path.contains("//")) {
            return false;
        }
        return routes.stream().anyMatch(r -> r.method().equals(method) && r.path().matcher(path).matches());
    }
}
