package io.pg2polar.common.extension;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pg2polar.common.extension.ExtensionOutcome.State;
import io.pg2polar.common.schema.ExtensionDefinition;

/** The outcomes of {@link ExtensionInstaller#install}, in creation order, with what to tell a user about the blocked ones. */
public final class ExtensionOutcomes {

    private final List<ExtensionOutcome> outcomes;
    private final ExtensionOffer offer;

    ExtensionOutcomes(List<ExtensionOutcome> outcomes, ExtensionOffer offer) {
        this.outcomes = List.copyOf(outcomes);
        this.offer = offer;
    }

    public List<ExtensionOutcome> all() {
        return outcomes;
    }

    /** The extensions someone must act on before the tables that need them can be created. */
    public List<ExtensionOutcome> blocked() {
        return outcomes.stream().filter(ExtensionOutcome::blocked).toList();
    }

    public boolean anyBlocked() {
        return outcomes.stream().anyMatch(ExtensionOutcome::blocked);
    }

    /**
     * Each blocked extension and why, e.g. {@code earthdistance 1.1 (schema "public"): earthdistance is not a trusted
     * extension, ...}, with what {@code neededBy} says about it appended (the tables, in a precheck).
     */
    public String describeBlocked(Function<ExtensionDefinition, String> neededBy) {
        return blocked().stream()
                .map(o -> o.extension().name() + ' ' + o.extension().version() + " (schema \""
                        + o.extension().schema() + "\")" + neededBy.apply(o.extension()) + ": " + o.reason())
                .collect(Collectors.joining("; "));
    }

    /**
     * What to run on the target, in order: for an extension in the wrong schema the move, for every other blocked one its
     * CREATE EXTENSION after those of the extensions it requires that are not installed yet (the sink's own creations are
     * rolled back with the failed batch), e.g. {@code Run as a superuser on the target: CREATE EXTENSION IF NOT EXISTS
     * "cube" SCHEMA "public"; CREATE EXTENSION IF NOT EXISTS "earthdistance" SCHEMA "public"}.
     */
    public String fix() {
        Map<String, ExtensionOutcome> byName =
                outcomes.stream().collect(Collectors.toMap(o -> o.extension().name(), o -> o, (a, b) -> a));
        Set<String> statements = new LinkedHashSet<>();
        Set<String> advice = new LinkedHashSet<>();
        for (ExtensionOutcome outcome : blocked()) {
            if (outcome.state() == State.ELSEWHERE) {
                statements.add(ExtensionStatements.moveToSchema(outcome.extension()));
                advice.add(
                        "Move it where the definitions expect it (or drop and create it there, if it is not relocatable).");
                continue;
            }
            if (outcome.state() == State.UNAVAILABLE) {
                advice.add(offer.whenUnavailable(outcome.extension().name()) + '.');
            }
            for (ExtensionOutcome required : requiredFirst(outcome, byName)) {
                if (required.state() != State.INSTALLED && required.state() != State.ELSEWHERE) {
                    statements.add(ExtensionStatements.create(required.extension()));
                }
            }
        }
        boolean superuser = blocked().stream().anyMatch(o -> o.state() == State.NOT_ALLOWED);
        return String.join(" ", advice) + (advice.isEmpty() ? "Run" : " Then run") + " on the target"
                + (superuser ? " as a superuser" : "") + ": " + String.join("; ", statements);
    }

    /** The extension after every extension it requires (transitively) that is among the outcomes, requirements first. */
    private static List<ExtensionOutcome> requiredFirst(
            ExtensionOutcome outcome, Map<String, ExtensionOutcome> byName) {
        List<ExtensionOutcome> ordered = new ArrayList<>();
        addRequiredFirst(outcome, byName, ordered, new LinkedHashSet<>());
        return ordered;
    }

    private static void addRequiredFirst(
            ExtensionOutcome outcome,
            Map<String, ExtensionOutcome> byName,
            List<ExtensionOutcome> ordered,
            Set<String> visiting) {
        if (!visiting.add(outcome.extension().name())) {
            return;
        }
        for (String required : outcome.extension().requires()) {
            ExtensionOutcome requiredOutcome = byName.get(required);
            if (requiredOutcome != null) {
                addRequiredFirst(requiredOutcome, byName, ordered, visiting);
            }
        }
        if (!ordered.contains(outcome)) {
            ordered.add(outcome);
        }
    }
}
