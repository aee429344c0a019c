#!/usr/bin/env bash
# The PostgreSQL counterpart of replicate-cases.sh: makes a large PostgreSQL database quickly from a seeded one (seed-demo
# writes a few dozen cases a second on PostgreSQL, over an hour for 100,000). Every case-owned table — the counted
# figures and the search read model included, both derived per case — is copied FACTOR-1 more times with its ids shifted
# by the table's largest id, so each copy is an exact duplicate of the seeded world under new ids. Triggers and foreign-key
# checks are off for the copy (session_replication_role = replica); the case data generation is raised once at the end
# instead of once per row, the identity sequences are moved past the copies, and the statistics cells (derived across
# cases) are emptied: the app's `migrate` verb rebuilds them, as on the first start of a database that predates them.
#
#   bench/replicate-cases-postgres.sh postgresql://postgres@127.0.0.1:5432/recoverywatch 20    # 5,000 cases -> 100,000
#
# STATISTICS_ONLY=1 leaves the search read model as it is (the copies are then missing from search): the statistics
# benchmark on 1,000,000 measures (5,000 cases copied 100 times) needs the measures and counted figures only, and the
# read model would add some 15 million rows.
set -euo pipefail
uri=$1 factor=$2
psql_() { psql "$uri" -v ON_ERROR_STOP=1 -qtA "$@"; }
with_id="Cases CaseChallenge CaseOffence ThirdPartyClaim Victim CaseSource CaseStates Measures Proceeding CountedFigures"
read_model="CaseSearchRows CaseSearchTerms CaseSearchStages CaseSearchYears CaseSearchAmounts"
[ "${STATISTICS_ONLY:-0}" = 1 ] && read_model=""
columns() { # table -> its columns other than Id and CaseId, quoted and prefixed with x.
  psql_ -c "SELECT string_agg('x.\"' || column_name || '\"', ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = '$1' AND column_name NOT IN ('Id', 'CaseId')"
}
sql=$(mktemp)
{
  echo "SET session_replication_role = replica; BEGIN;"
  echo "CREATE TEMP TABLE shift(name text PRIMARY KEY, step bigint);"
  for t in $with_id; do echo "INSERT INTO shift VALUES ('$t', (SELECT MAX(\"Id\") FROM \"$t\"));"; done
  for t in $with_id; do
    cols=$(columns "$t")
    plain=${cols//x./}
    if [ "$t" = Cases ]; then
      echo "INSERT INTO \"Cases\" (\"Id\",$plain) SELECT x.\"Id\" + k * (SELECT step FROM shift WHERE name = 'Cases'),$cols
            FROM \"Cases\" x, generate_series(1, $factor - 1) k WHERE x.\"Id\" <= (SELECT step FROM shift WHERE name = 'Cases');"
    else
      echo "INSERT INTO \"$t\" (\"Id\",\"CaseId\",$plain) SELECT x.\"Id\" + k * (SELECT step FROM shift WHERE name = '$t'),
            x.\"CaseId\" + k * (SELECT step FROM shift WHERE name = 'Cases'),$cols
            FROM \"$t\" x, generate_series(1, $factor - 1) k WHERE x.\"Id\" <= (SELECT step FROM shift WHERE name = '$t');"
    fi
  done
  for t in $read_model; do
    cols=$(columns "$t")
    plain=${cols//x./}
    echo "INSERT INTO \"$t\" (\"CaseId\",$plain) SELECT x.\"CaseId\" + k * (SELECT step FROM shift WHERE name = 'Cases'),$cols
          FROM \"$t\" x, generate_series(1, $factor - 1) k WHERE x.\"CaseId\" <= (SELECT step FROM shift WHERE name = 'Cases');"
  done
  for t in $with_id; do echo "SELECT setval(pg_get_serial_sequence('\"$t\"', 'Id'), (SELECT MAX(\"Id\") FROM \"$t\"));"; done
  echo "DELETE FROM \"StatisticsCells\";"
  echo "UPDATE \"CaseDataGeneration\" SET \"Value\" = \"Value\" + 1;"
  echo "COMMIT; SET session_replication_role = origin; ANALYZE;"
} >"$sql"
psql_ -f "$sql" >/dev/null
rm "$sql"
for t in Cases Measures CountedFigures CaseSearchRows; do echo "$t: $(psql_ -c "SELECT COUNT(*) FROM \"$t\"")"; done
