package io.pg2polar.sink.fk;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps foreign-key checks and user triggers from acting on rows while the sink applies them, so a child row
 * may arrive before its parent. Implementations never return null.
 */
public interface ForeignKeySuspension {

    /** Prepares the target once per task start (e.g. holds back foreign keys); commits its own work. */
    void prepareTarget(Connection connection) throws SQLException;

    /** Runs on each new apply session. */
    void onSessionOpen(Connection connection) throws SQLException;

    /** True when the target's foreign keys are removed for the migration rather than suspended per session. */
    boolean holdsBack();

    /** What it does, for the log. */
    String describe();
}
