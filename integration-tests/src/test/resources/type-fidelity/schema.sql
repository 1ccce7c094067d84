-- The type matrix of TypeFidelityIT, created identically on the source and the target.
CREATE EXTENSION citext;
CREATE EXTENSION hstore;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'very "happy", really');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE TYPE address AS (street text, zip integer, tags text[], at timestamptz);

-- one column of every scalar type; columns with a DEFAULT hold NULLs too
CREATE TABLE scalars (
  id int PRIMARY KEY,
  c_int2 smallint, c_int4 integer, c_int8 bigint,
  c_num numeric, c_num_ps numeric(12,4), c_money money,
  c_real real, c_double double precision, c_bool boolean,
  c_char char(5), c_varchar varchar(40), c_text text, c_bytea bytea,
  c_date date, c_ts timestamp, c_ts3 timestamp(3), c_tstz timestamptz, c_time time, c_timetz timetz, c_interval interval,
  c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml,
  c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8,
  c_bit bit(5), c_bit1 bit(1), c_varbit varbit(20),
  c_tsvector tsvector, c_tsquery tsquery,
  c_point point, c_line line, c_lseg lseg, c_box box, c_path path, c_polygon polygon, c_circle circle,
  c_int4range int4range, c_int8range int8range, c_numrange numrange, c_tsrange tsrange, c_tstzrange tstzrange, c_daterange daterange,
  c_int4multirange int4multirange, c_tstzmultirange tstzmultirange,
  c_mood mood, c_posint posint, c_email email, c_address address,
  c_citext citext, c_hstore hstore, c_oid oid,
  c_defaulted text DEFAULT 'fallback', c_defaulted_int integer DEFAULT 42, c_defaulted_tstz timestamptz DEFAULT now()
);

-- an array column of every type above
CREATE TABLE arrays (
  id int PRIMARY KEY,
  a_int2 smallint[], a_int4 integer[], a_int8 bigint[], a_num numeric[], a_num_ps numeric(6,2)[], a_money money[],
  a_real real[], a_double double precision[], a_bool boolean[], a_char char(3)[], a_varchar varchar(10)[], a_text text[], a_bytea bytea[],
  a_date date[], a_ts timestamp[], a_tstz timestamptz[], a_time time[], a_timetz timetz[], a_interval interval[],
  a_uuid uuid[], a_json json[], a_jsonb jsonb[], a_xml xml[], a_inet inet[], a_cidr cidr[], a_macaddr macaddr[], a_macaddr8 macaddr8[],
  a_bit bit(3)[], a_varbit varbit[], a_tsvector tsvector[], a_tsquery tsquery[],
  a_point point[], a_line line[], a_lseg lseg[], a_box box[], a_path path[], a_polygon polygon[], a_circle circle[],
  a_int4range int4range[], a_tstzrange tstzrange[], a_int4multirange int4multirange[],
  a_mood mood[], a_posint posint[], a_address address[], a_citext citext[], a_hstore hstore[], a_oid oid[]
);

-- date and time edge values, one row each; the NOT NULL columns are absent from a delete's old row image
CREATE TABLE temporal (id int PRIMARY KEY, d date, ts timestamp, tstz timestamptz, tm time, ttz timetz, i interval,
  noted timestamptz NOT NULL DEFAULT '2000-01-01 00:00+00', tags text[] NOT NULL DEFAULT '{}');

-- a key made of types that travel as text: updates and deletes find their rows by it
CREATE TABLE text_keys (k_tstz timestamptz, k_num numeric, v text, PRIMARY KEY (k_tstz, k_num));
