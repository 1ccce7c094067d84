-- The definition of one table ($1 = its pg_class oid) as JSON: what the sink needs to create it, or to
-- bring an existing target table in line. Run with quote_all_identifiers = on, so every identifier in the
-- deparsed fragments (defaults, constraints, indexes, partition bounds) is quoted and reserved words of the
-- target (PolarDB-O adds LEVEL, MINUS, PRIOR, ROWNUM, ...) cannot break them. Needs PostgreSQL 12+.
WITH RECURSIVE
target AS (
    SELECT c.oid, c.relname, c.relkind, c.relreplident, c.relispartition, c.relpartbound, n.nspname
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = $1
),
-- user-defined types the columns use, with the types those are built on, deepest first
used_types (oid, depth) AS (
    SELECT DISTINCT CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END, 0
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
  UNION
    SELECT dep.oid, u.depth + 1
    FROM used_types u JOIN pg_catalog.pg_type t ON t.oid = u.oid
    CROSS JOIN LATERAL (
        SELECT t.typbasetype AS oid WHERE t.typtype = 'd'
        UNION ALL
        SELECT CASE WHEN at.typcategory = 'A' THEN at.typelem ELSE at.oid END
        FROM pg_catalog.pg_attribute ca JOIN pg_catalog.pg_type at ON at.oid = ca.atttypid
        WHERE t.typtype = 'c' AND ca.attrelid = t.typrelid AND ca.attnum > 0 AND NOT ca.attisdropped
    ) dep
    WHERE u.depth < 10
),
-- (an extension's own types, such as earthdistance's domain earth, come with the extension instead)
user_types AS (
    SELECT t.oid, max(u.depth) AS depth
    FROM used_types u JOIN pg_catalog.pg_type t ON t.oid = u.oid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
    WHERE t.typtype IN ('e', 'd', 'c') AND tn.nspname NOT IN ('pg_catalog', 'information_schema')
      AND NOT (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid AND r.relkind <> 'c'))
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                      AND x.objid = t.oid AND x.deptype = 'e')
    GROUP BY t.oid
),
-- what the table's definition uses of other objects: the types of its columns (array elements, domain bases and
-- composite attributes included), and whatever its indexes (operator classes, functions), constraints, defaults and
-- its domains' checks and defaults depend on; an array type stands for its element type, which an extension owns
used_objects (classid, objid) AS (
    SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, u.oid FROM used_types u
  UNION
    SELECT d.refclassid, coalesce((SELECT nullif(rt.typelem, 0) FROM pg_catalog.pg_type rt
                                   WHERE d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND rt.oid = d.refobjid
                                     AND rt.typcategory = 'A'), d.refobjid)
    FROM (SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, ix.indexrelid FROM pg_catalog.pg_index ix WHERE ix.indrelid = $1
          UNION ALL
          SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass, con.oid FROM pg_catalog.pg_constraint con WHERE con.conrelid = $1
          UNION ALL
          SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass, dc.oid FROM user_types ut
          JOIN pg_catalog.pg_constraint dc ON dc.contypid = ut.oid
          UNION ALL
          SELECT 'pg_catalog.pg_attrdef'::pg_catalog.regclass, ad.oid FROM pg_catalog.pg_attrdef ad WHERE ad.adrelid = $1
          UNION ALL
          SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, ut.oid FROM user_types ut) o (classid, objid)
    -- OFFSET 0 keeps the look-up per object, by pg_depend's index: joined as a set, the planner read pg_depend whole
    CROSS JOIN LATERAL (SELECT d.refclassid, d.refobjid FROM pg_catalog.pg_depend d
                        WHERE d.classid = o.classid AND d.objid = o.objid OFFSET 0) d
),
-- the extensions owning those objects, and the extensions they require, each with its longest way from the table
needed_extensions (oid, depth) AS (
    SELECT x.refobjid, 0
    FROM used_objects o CROSS JOIN LATERAL (
        SELECT e.refobjid FROM pg_catalog.pg_depend e
        WHERE e.classid = o.classid AND e.objid = o.objid AND e.deptype = 'e'
          AND e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass OFFSET 0) x
  UNION
    SELECT r.refobjid, n.depth + 1
    FROM needed_extensions n JOIN pg_catalog.pg_depend r ON r.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND r.objid = n.oid
    WHERE r.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND n.depth < 10
),
-- sequences the table owns (serial columns) or its defaults call (standalone sequences)
table_sequences AS (
    SELECT DISTINCT s.oid, min(CASE WHEN d.classid = 'pg_catalog.pg_class'::regclass THEN a.attname END) AS owned_by
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_class s ON s.oid = CASE WHEN d.classid = 'pg_catalog.pg_class'::regclass THEN d.objid ELSE d.refobjid END
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE s.relkind = 'S' AND (
        (d.classid = 'pg_catalog.pg_class'::regclass AND d.refobjid = $1 AND d.deptype = 'a')
        OR (d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
            AND d.objid IN (SELECT ad.oid FROM pg_catalog.pg_attrdef ad WHERE ad.adrelid = $1)))
    GROUP BY s.oid
)
SELECT jsonb_build_object(
    'oid', t.oid::bigint,
    'schema', t.nspname,
    'name', t.relname,
    'kind', t.relkind::text,
    'replicaIdentity', t.relreplident::text,
    'partitionKey', CASE WHEN t.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(t.oid) END,
    'partitionOf', (
        SELECT jsonb_build_object('schema', pn.nspname, 'name', pc.relname, 'bound', pg_catalog.pg_get_expr(t.relpartbound, t.oid))
        FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
        JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
        WHERE i.inhrelid = t.oid AND t.relispartition),
    'comment', pg_catalog.obj_description(t.oid, 'pg_class'),
    'columns', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'attnum', a.attnum,
            'name', a.attname,
            'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
            'typeName', ty.typname,
            'typeSchema', tn.nspname,
            'notNull', a.attnotnull,
            'default', CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
            'generated', CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
            'identity', nullif(a.attidentity::text, ''),
            'inherited', NOT a.attislocal,
            'collation', CASE WHEN a.attcollation <> ty.typcollation AND a.attcollation <> 0 THEN (
                SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
                FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                WHERE co.oid = a.attcollation) END,
            'comment', pg_catalog.col_description(t.oid, a.attnum)) ORDER BY a.attnum), '[]'::jsonb)
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
        JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped),
    'constraints', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'name', con.conname,
            'type', con.contype::text,
            'definition', pg_catalog.pg_get_constraintdef(con.oid),
            'validated', con.convalidated,
            'referencedSchema', rn.nspname,
            'referencedTable', rc.relname) ORDER BY con.contype, con.conname), '[]'::jsonb)
        FROM pg_catalog.pg_constraint con
        LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
        LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE con.conrelid = t.oid AND con.contype IN ('p', 'u', 'c', 'f', 'x') AND con.conislocal
          AND (con.conparentid = 0 OR con.contype = 'f' AND NOT t.relispartition)),
    'indexes', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'name', ic.relname,
            'definition', pg_catalog.pg_get_indexdef(ix.indexrelid)) ORDER BY ic.relname), '[]'::jsonb)
        FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
        WHERE ix.indrelid = t.oid
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = ix.indexrelid AND k.conrelid = t.oid)
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits pi WHERE pi.inhrelid = ix.indexrelid)),
    'types', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'schema', tn.nspname,
            'name', ty.typname,
            'kind', ty.typtype::text,
            'labels', CASE WHEN ty.typtype = 'e' THEN (
                SELECT jsonb_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = ty.oid) END,
            'baseType', CASE WHEN ty.typtype = 'd' THEN pg_catalog.format_type(ty.typbasetype, ty.typtypmod) END,
            'notNull', ty.typnotnull,
            'default', ty.typdefault,
            'checks', CASE WHEN ty.typtype = 'd' THEN (
                SELECT jsonb_agg(pg_catalog.pg_get_constraintdef(dc.oid) ORDER BY dc.conname)
                FROM pg_catalog.pg_constraint dc WHERE dc.contypid = ty.oid AND dc.contype = 'c') END,
            'attributes', CASE WHEN ty.typtype = 'c' THEN (
                SELECT jsonb_agg(jsonb_build_object('name', ca.attname, 'type', pg_catalog.format_type(ca.atttypid, ca.atttypmod))
                    ORDER BY ca.attnum)
                FROM pg_catalog.pg_attribute ca WHERE ca.attrelid = ty.typrelid AND ca.attnum > 0 AND NOT ca.attisdropped) END)
            ORDER BY u.depth DESC, ty.typname), '[]'::jsonb)
        FROM user_types u JOIN pg_catalog.pg_type ty ON ty.oid = u.oid JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace),
    'sequences', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'schema', sn.nspname,
            'name', sc.relname,
            'type', pg_catalog.format_type(sq.seqtypid, NULL),
            'start', sq.seqstart,
            'increment', sq.seqincrement,
            'min', sq.seqmin,
            'max', sq.seqmax,
            'cache', sq.seqcache,
            'cycle', sq.seqcycle,
            'ownedBy', ts.owned_by) ORDER BY sc.relname), '[]'::jsonb)
        FROM table_sequences ts
        JOIN pg_catalog.pg_class sc ON sc.oid = ts.oid
        JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace
        JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = sc.oid),
    -- required extensions first: they are further from the table
    'extensions', (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
            'name', x.extname,
            'schema', xn.nspname,
            'version', x.extversion,
            'requires', (
                SELECT coalesce(jsonb_agg(rx.extname ORDER BY rx.extname), '[]'::jsonb)
                FROM pg_catalog.pg_depend r JOIN pg_catalog.pg_extension rx ON rx.oid = r.refobjid
                WHERE r.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND r.objid = x.oid
                  AND r.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass))
            ORDER BY n.depth DESC, x.extname), '[]'::jsonb)
        FROM (SELECT ne.oid, max(ne.depth) AS depth FROM needed_extensions ne GROUP BY ne.oid) n
        JOIN pg_catalog.pg_extension x ON x.oid = n.oid JOIN pg_catalog.pg_namespace xn ON xn.oid = x.extnamespace)
)
FROM target t
