package io.pg2polar.common.naming;

import org.apache.kafka.common.config.ConfigException;

/** A name-mapping option that cannot be used, with the option's name for validate to put the error on. */
public final class NameMappingException extends ConfigException {

    private final String option;

    public NameMappingException(String option, Object value, String message) {
        super(option, value, message);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
