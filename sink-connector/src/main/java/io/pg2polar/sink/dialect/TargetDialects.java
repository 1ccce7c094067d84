package io.pg2polar.sink.dialect;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the dialect named by {@code target.dialect} among those registered in {@code META-INF/services}. */
public final class TargetDialects {

    private TargetDialects() {}

    public static TargetDialect forName(String name) {
        return all().stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("Unknown target.dialect '" + name + "'; use one of " + names()));
    }

    public static List<String> names() {
        return all().stream().map(TargetDialect::name).collect(Collectors.toList());
    }

    private static List<TargetDialect> all() {
        return ServiceLoader.load(TargetDialect.class, TargetDialect.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
