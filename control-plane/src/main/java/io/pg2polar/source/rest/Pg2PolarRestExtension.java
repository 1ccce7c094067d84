package io.pg2polar.source.rest;

/**
 * The REST extension under its former name, so workers configured with
 * {@code rest.extension.classes=io.pg2polar.source.rest.Pg2PolarRestExtension} keep serving it.
 *
 * @deprecated name {@link io.pg2polar.controlplane.Pg2PolarRestExtension} in {@code rest.extension.classes}
 */
@Deprecated
public class Pg2PolarRestExtension extends io.pg2polar.controlplane.Pg2PolarRestExtension {}
