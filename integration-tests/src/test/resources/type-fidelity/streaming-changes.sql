-- TypeFidelityIT: changes made while the migration streams; every value goes through pgoutput this time.

-- inserts: the snapshot's edge values again
INSERT INTO scalars (id, c_int2, c_int4, c_int8, c_num, c_num_ps, c_money, c_real, c_double, c_bool, c_char, c_varchar, c_text, c_bytea,
  c_date, c_ts, c_ts3, c_tstz, c_time, c_timetz, c_interval, c_uuid, c_json, c_jsonb, c_xml, c_inet, c_cidr, c_macaddr, c_macaddr8,
  c_bit, c_bit1, c_varbit, c_tsvector, c_tsquery, c_point, c_line, c_lseg, c_box, c_path, c_polygon, c_circle,
  c_int4range, c_int8range, c_numrange, c_tsrange, c_tstzrange, c_daterange, c_int4multirange, c_tstzmultirange,
  c_mood, c_posint, c_email, c_address, c_citext, c_hstore, c_oid, c_defaulted, c_defaulted_int, c_defaulted_tstz)
SELECT id + 10, c_int2, c_int4, c_int8, c_num, c_num_ps, c_money, c_real, c_double, c_bool, c_char, c_varchar, c_text, c_bytea,
  c_date, c_ts, c_ts3, c_tstz, c_time, c_timetz, c_interval, c_uuid, c_json, c_jsonb, c_xml, c_inet, c_cidr, c_macaddr, c_macaddr8,
  c_bit, c_bit1, c_varbit, c_tsvector, c_tsquery, c_point, c_line, c_lseg, c_box, c_path, c_polygon, c_circle,
  c_int4range, c_int8range, c_numrange, c_tsrange, c_tstzrange, c_daterange, c_int4multirange, c_tstzmultirange,
  c_mood, c_posint, c_email, c_address, c_citext, c_hstore, c_oid, c_defaulted, c_defaulted_int, c_defaulted_tstz FROM scalars WHERE id <= 5;

-- values the snapshot cannot carry exactly, and a hstore large enough to be stored out of line (TOAST)
INSERT INTO temporal VALUES (21, '1582-10-10', '1582-10-05 00:00', '1582-10-14 23:59:59+00', '00:00', '00:00+00', '0 secs', 'infinity', '{{a,b},{c,d}}');
INSERT INTO scalars (id, c_num, c_date, c_hstore)
SELECT 20, 'Infinity', '1582-10-12', hstore(array_agg(md5(g::text)), array_agg(md5((g * 7)::text))) FROM generate_series(1, 300) g;

-- updates changing every column: each row takes the next row's values (1 <- 2, 2 <- 3, ..., 5 <- 1)
UPDATE scalars t SET (c_int2, c_int4, c_int8, c_num, c_num_ps, c_money, c_real, c_double, c_bool, c_char, c_varchar, c_text, c_bytea,
  c_date, c_ts, c_ts3, c_tstz, c_time, c_timetz, c_interval, c_uuid, c_json, c_jsonb, c_xml, c_inet, c_cidr, c_macaddr, c_macaddr8,
  c_bit, c_bit1, c_varbit, c_tsvector, c_tsquery, c_point, c_line, c_lseg, c_box, c_path, c_polygon, c_circle,
  c_int4range, c_int8range, c_numrange, c_tsrange, c_tstzrange, c_daterange, c_int4multirange, c_tstzmultirange,
  c_mood, c_posint, c_email, c_address, c_citext, c_hstore, c_oid, c_defaulted, c_defaulted_int, c_defaulted_tstz) =
  (SELECT s.c_int2, s.c_int4, s.c_int8, s.c_num, s.c_num_ps, s.c_money, s.c_real, s.c_double, s.c_bool, s.c_char, s.c_varchar, s.c_text, s.c_bytea, s.c_date, s.c_ts, s.c_ts3, s.c_tstz, s.c_time, s.c_timetz, s.c_interval, s.c_uuid, s.c_json, s.c_jsonb, s.c_xml, s.c_inet, s.c_cidr, s.c_macaddr, s.c_macaddr8, s.c_bit, s.c_bit1, s.c_varbit, s.c_tsvector, s.c_tsquery, s.c_point, s.c_line, s.c_lseg, s.c_box, s.c_path, s.c_polygon, s.c_circle, s.c_int4range, s.c_int8range, s.c_numrange, s.c_tsrange, s.c_tstzrange, s.c_daterange, s.c_int4multirange, s.c_tstzmultirange, s.c_mood, s.c_posint, s.c_email, s.c_address, s.c_citext, s.c_hstore, s.c_oid, s.c_defaulted, s.c_defaulted_int, s.c_defaulted_tstz FROM scalars s WHERE s.id = t.id % 5 + 1)
WHERE t.id <= 5;

-- an update that leaves the large hstore out of the WAL record: the target must keep its value
UPDATE scalars SET c_int4 = 7 WHERE id = 20;

DELETE FROM scalars WHERE id IN (3, 12);

INSERT INTO arrays SELECT id + 10, a_int2, a_int4, a_int8, a_num, a_num_ps, a_money, a_real, a_double, a_bool, a_char, a_varchar, a_text, a_bytea,
  a_date, a_ts, a_tstz, a_time, a_timetz, a_interval, a_uuid, a_json, a_jsonb, a_xml, a_inet, a_cidr, a_macaddr, a_macaddr8,
  a_bit, a_varbit, a_tsvector, a_tsquery, a_point, a_line, a_lseg, a_box, a_path, a_polygon, a_circle,
  a_int4range, a_tstzrange, a_int4multirange, a_mood, a_posint, a_address, a_citext, a_hstore, a_oid FROM arrays;
INSERT INTO arrays (id, a_text, a_tstz)
SELECT 20, array_agg(md5(g::text) ORDER BY g), array_agg(timestamptz '2024-01-01 00:00+00' + g * interval '1 sec') FROM generate_series(1, 2000) g;
UPDATE arrays t SET (a_int2, a_int4, a_int8, a_num, a_num_ps, a_money, a_real, a_double, a_bool, a_char, a_varchar, a_text, a_bytea,
  a_date, a_ts, a_tstz, a_time, a_timetz, a_interval, a_uuid, a_json, a_jsonb, a_xml, a_inet, a_cidr, a_macaddr, a_macaddr8,
  a_bit, a_varbit, a_tsvector, a_tsquery, a_point, a_line, a_lseg, a_box, a_path, a_polygon, a_circle,
  a_int4range, a_tstzrange, a_int4multirange, a_mood, a_posint, a_address, a_citext, a_hstore, a_oid) =
  (SELECT s.a_int2, s.a_int4, s.a_int8, s.a_num, s.a_num_ps, s.a_money, s.a_real, s.a_double, s.a_bool, s.a_char, s.a_varchar, s.a_text, s.a_bytea, s.a_date, s.a_ts, s.a_tstz, s.a_time, s.a_timetz, s.a_interval, s.a_uuid, s.a_json, s.a_jsonb, s.a_xml, s.a_inet, s.a_cidr, s.a_macaddr, s.a_macaddr8, s.a_bit, s.a_varbit, s.a_tsvector, s.a_tsquery, s.a_point, s.a_line, s.a_lseg, s.a_box, s.a_path, s.a_polygon, s.a_circle, s.a_int4range, s.a_tstzrange, s.a_int4multirange, s.a_mood, s.a_posint, s.a_address, s.a_citext, s.a_hstore, s.a_oid FROM arrays s WHERE s.id = t.id % 3 + 1)
WHERE t.id <= 3;
UPDATE arrays SET a_int2 = '{9}' WHERE id = 20;
DELETE FROM arrays WHERE id = 12;

INSERT INTO temporal SELECT id + 10, d, ts, tstz, tm, ttz, i FROM temporal WHERE id < 10;
UPDATE temporal t SET (d, ts, tstz, tm, ttz, i) = (SELECT s.d, s.ts, s.tstz, s.tm, s.ttz, s.i FROM temporal s WHERE s.id = t.id % 9 + 1)
WHERE t.id < 10;
DELETE FROM temporal WHERE id IN (5, 15);

INSERT INTO text_keys VALUES ('-infinity', 'Infinity', 'e'), ('2024-06-30 23:59:59.999999-08', '-Infinity', 'f');
UPDATE text_keys SET v = v || ' updated' WHERE k_num = 'NaN' OR k_tstz = '0044-03-15 12:00+00 BC';
UPDATE text_keys SET k_num = 3 WHERE v = 'd';
DELETE FROM text_keys WHERE k_num = 1.5;
