package io.pg2polar.common.extension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.schema.ExtensionDefinition;
import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExtensionNeedTest {

    private static final ExtensionDefinition CUBE = new ExtensionDefinition("cube", "public", "1.5", List.of());
    private static final ExtensionDefinition EARTHDISTANCE =
            new ExtensionDefinition("earthdistance", "public", "1.2", List.of("cube"));
    private static final ExtensionDefinition HSTORE = new ExtensionDefinition("hstore", "public", "1.8", List.of());
    private static final TableId PLACE = new TableId("geo", "place");
    private static final TableId ITEM = new TableId("shop", "item");

    @Test
    void eachExtensionComesOnceAfterThoseItRequiresWithEveryTableThatNeedsIt() {
        Map<TableId, List<ExtensionDefinition>> byTable = new LinkedHashMap<>();
        // a list in the wrong order: the required extension still comes first
        byTable.put(PLACE, List.of(EARTHDISTANCE, CUBE));
        byTable.put(ITEM, List.of(HSTORE, CUBE));
        List<ExtensionNeed> needs = ExtensionNeed.of(byTable);
        assertEquals(
                List.of("cube", "earthdistance", "hstore"),
                needs.stream().map(n -> n.extension().name()).toList());
        assertEquals(List.of(PLACE, ITEM), needs.get(0).tables());
        assertEquals(List.of(PLACE), needs.get(1).tables());
    }

    @Test
    void underTargetNamesTablesAndExtensionSchemasFollowTheMapping() {
        NameMapping mapping = NameMapping.parse("public:ext, geo:gis", null, null, null, null);
        List<ExtensionNeed> mapped =
                ExtensionNeed.mapped(ExtensionNeed.of(Map.of(PLACE, List.of(CUBE))), mapping::table, mapping::schema);
        assertEquals("ext", mapped.get(0).extension().schema());
        assertEquals(List.of(new TableId("gis", "place")), mapped.get(0).tables());
    }
}
