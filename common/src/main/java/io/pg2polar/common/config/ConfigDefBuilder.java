package io.pg2polar.common.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.ConfigDef;

/**
 * A fluent way to add documented keys to a {@link ConfigDef}: every key gets documentation, a display name, a
 * group and its order within the group, so Connect UIs and the validate REST call show them well.
 *
 * <pre>{@code
 * new ConfigDefBuilder(def).group("Connection")
 *     .key("connection.host").string().importance(HIGH).display("Target host").doc("...").define();
 * }</pre>
 */
public final class ConfigDefBuilder {

    private final ConfigDef def;
    private final Map<String, Integer> orderInGroup = new HashMap<>();
    private String group = "General";

    public ConfigDefBuilder(ConfigDef def) {
        this.def = Objects.requireNonNull(def);
    }

    /** Keys defined after this call belong to the named group. */
    public ConfigDefBuilder group(String name) {
        this.group = name;
        return this;
    }

    public Key key(String name) {
        return new Key(name);
    }

    public ConfigDef build() {
        return def;
    }

    /** One key under construction. */
    public final class Key {
        private final String name;
        private ConfigDef.Type type = ConfigDef.Type.STRING;
        private Object defaultValue = ConfigDef.NO_DEFAULT_VALUE;
        private ConfigDef.Validator validator;
        private ConfigDef.Importance importance = ConfigDef.Importance.MEDIUM;
        private ConfigDef.Width width = ConfigDef.Width.MEDIUM;
        private String documentation;
        private String displayName;
        private ConfigDef.Recommender recommender;

        private Key(String name) {
            this.name = name;
        }

        public Key type(ConfigDef.Type value) {
            this.type = value;
            return this;
        }

        public Key defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Key validator(ConfigDef.Validator value) {
            this.validator = value;
            return this;
        }

        public Key importance(ConfigDef.Importance value) {
            this.importance = value;
            return this;
        }

        public Key width(ConfigDef.Width value) {
            this.width = value;
            return this;
        }

        public Key doc(String value) {
            this.documentation = value;
            return this;
        }

        public Key display(String value) {
            this.displayName = value;
            return this;
        }

        public Key recommender(ConfigDef.Recommender value) {
            this.recommender = value;
            return this;
        }

        /** Adds the key to the ConfigDef; documentation and display name are mandatory. */
        public ConfigDefBuilder define() {
            if (documentation == null || displayName == null) {
                throw new IllegalStateException("Config key '" + name + "' needs documentation and a display name");
            }
            int order = orderInGroup.merge(group, 1, Integer::sum);
            def.define(
                    name,
                    type,
                    defaultValue,
                    validator,
                    importance,
                    documentation,
                    group,
                    order,
                    width,
                    displayName,
                    java.util.List.of(),
                    recommender);
            return ConfigDefBuilder.this;
        }
    }
}
