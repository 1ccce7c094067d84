package io.pg2polar.common.precheck;

/**
 * One failed precheck item, attached to the config field the user has to change (or to the field closest to
 * the cause when the fix is on the database side).
 */
public record PrecheckFinding(String field, String message) {}
