package io.pg2polar.sink.apply;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.sink.TargetStateSchema;
import io.pg2polar.sink.dialect.DdlStatements;
import io.pg2polar.sink.dialect.StateStatements;
import io.pg2polar.sink.fk.ForeignKeyMode;
import io.pg2polar.sink.fk.ForeignKeySuspension;
import io.pg2polar.sink.fk.ForeignKeySuspensions;
import io.pg2polar.sink.jdbc.TargetSession;
import io.pg2polar.sink.schema.SchemaApplier;

/** Once per task, before the first read or write: the pg2polar state schema and the way foreign keys are suspended. */
public final class TargetPreparation {

    private static final Logger LOG = LoggerFactory.getLogger(TargetPreparation.class);

    private final TargetSession session;
    private final ForeignKeyMode foreignKeyMode;
    private final SchemaApplier schemaApplier;
    private final DdlStatements ddl;
    private final StateStatements state;
    private boolean prepared;

    public TargetPreparation(
            TargetSession session,
            ForeignKeyMode foreignKeyMode,
            SchemaApplier schemaApplier,
            DdlStatements ddl,
            StateStatements state) {
        this.session = session;
        this.foreignKeyMode = foreignKeyMode;
        this.schemaApplier = schemaApplier;
        this.ddl = ddl;
        this.state = state;
    }

    public void prepare(Connection connection) throws SQLException {
        if (prepared) {
            return;
        }
        TargetStateSchema.install(connection);
        ForeignKeySuspension suspension = ForeignKeySuspensions.choose(
                foreignKeyMode, connection, session.endpoint().user(), ddl, state);
        suspension.prepareTarget(connection);
        session.useForeignKeySuspension(suspension);
        schemaApplier.holdBackForeignKeys(suspension.holdsBack());
        connection.commit();
        LOG.info("Applying to {}: {}", session.endpoint().describe(), suspension.describe());
        prepared = true;
    }
}
