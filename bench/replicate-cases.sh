#!/usr/bin/env bash
# Makes a large benchmark database quickly by replicating the cases of a seeded one (seed-demo writes about 25 cases a
# second, too slow for 500,000): every case-owned table, counted figures included, is copied FACTOR-1 more times with
# its ids shifted by the table's largest id, so each copy is an exact duplicate of the seeded world under new ids. The
# counted figures are derived per case, so the copied rows are what the counting rule would make of the copied cases;
# the statistics cells (derived across cases) are then rebuilt by the app itself (BenchDatabase calls the same
# StatisticsCells.RebuildAllAsync as the rebuild-figures verb when the table is empty).
#
#   bench/replicate-cases.sh bench/data/cases-20000.db 25 bench/data/cases-500000.db   # about 1,000,000 measures
#   bench/replicate-cases.sh bench/data/cases-20000.db 5  bench/data/cases-100000.db   # the export benchmark
set -euo pipefail
source_db=$1 factor=$2 target=$3
cp "$source_db" "$target.tmp"
tables="Cases CaseChallenge CaseOffence ThirdPartyClaim Victim CaseSource CaseStates Measures Proceeding CountedFigures"
sql=$(mktemp)
{
  echo "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; BEGIN;"
  echo "CREATE TEMP TABLE copies(k INTEGER PRIMARY KEY);"
  echo "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $factor - 1) INSERT INTO copies SELECT k FROM n;"
  echo "CREATE TEMP TABLE shift(name TEXT PRIMARY KEY, step INTEGER);"
  for t in $tables; do echo "INSERT INTO shift VALUES ('$t', (SELECT MAX(Id) FROM \"$t\"));"; done
  for t in $tables; do
    cols=$(sqlite3 "$target.tmp" "SELECT group_concat('\"' || name || '\"', ',') FROM pragma_table_info('$t') WHERE name NOT IN ('Id', 'CaseId')")
    if [ "$t" = Cases ]; then
      echo "INSERT INTO \"Cases\" (\"Id\",$cols) SELECT c.\"Id\" + k * (SELECT step FROM shift WHERE name = 'Cases'),$(echo "$cols" | sed 's/"\([A-Za-z]*\)"/c."\1"/g') FROM \"Cases\" c, copies ORDER BY k, c.\"Id\";"
    else
      echo "INSERT INTO \"$t\" (\"Id\",\"CaseId\",$cols) SELECT x.\"Id\" + k * (SELECT step FROM shift WHERE name = '$t'), x.\"CaseId\" + k * (SELECT step FROM shift WHERE name = 'Cases'),$(echo "$cols" | sed 's/"\([A-Za-z]*\)"/x."\1"/g') FROM \"$t\" x, copies WHERE x.\"Id\" <= (SELECT step FROM shift WHERE name = '$t') ORDER BY k, x.\"Id\";"
    fi
  done
  echo "COMMIT; ANALYZE;"
} > "$sql"
sqlite3 "$target.tmp" < "$sql"
rm "$sql"
mv "$target.tmp" "$target"
for t in Cases Measures CountedFigures; do echo "$t: $(sqlite3 "$target" "SELECT COUNT(*) FROM \"$t\"")"; done
