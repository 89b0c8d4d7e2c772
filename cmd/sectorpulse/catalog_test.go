package main

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse/store"
)

// catalogConfig returns the path of the config file testdata/catalog/name.
func catalogConfig(name string) string { return filepath.Join("testdata", "catalog", name) }

// scoreEntities runs score on text and returns the names of the entities
// it found.
func scoreEntities(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, stderr := cli(t, nil, "", args...)
	if code != ExitOK {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	var got scoreJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("score output is not one JSON object: %v\n%s", err, out)
	}
	var names []string
	for _, e := range got.Entities {
		names = append(names, e.Name)
	}
	return names
}

func TestCatalogConfigEntitiesScore(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "none.db")
	names := scoreEntities(t, "--config", catalogConfig("config-entities.yaml"), "--db", dbPath,
		"score", "--analyzer", "lexicon", "Orchid Semi shares jumped 7 percent after a record order from Tencent.")
	if !slices.Contains(names, "Orchid Semiconductor") || !slices.Contains(names, "Tencent") {
		t.Errorf("entities %v, want Orchid Semiconductor (from the config's entities file) and Tencent", names)
	}
	if _, err := os.Stat(dbPath); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("score created the database %s (stat: %v)", dbPath, err)
	}

	code, out, stderr := cli(t, nil, "", "--config", catalogConfig("config-entities.yaml"), "--db", dbPath,
		"entities", "list", "--origin", "config")
	if code != ExitOK {
		t.Fatalf("entities list exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || strings.Fields(lines[0])[4] != "origin" || !strings.HasPrefix(lines[1], "Orchid Semiconductor ") ||
		!strings.HasSuffix(lines[1], " config") || !strings.HasPrefix(lines[2], "Wren Logistics ") {
		t.Errorf("entities list --origin config:\n%s\nwant a header with origin, Orchid Semiconductor and Wren Logistics of origin config", out)
	}
}

func TestCatalogConfigEntitiesRefused(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(missing, []byte("entities: [nowhere.yaml]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		config string
		want   []string
	}{
		{"alias clash", catalogConfig("config-bad-entities.yaml"),
			[]string{"config-bad-entities.yaml", filepath.Join("testdata", "catalog", "bad-entities.yaml") + ":6:", `"Tencent Rival"`, `already names "Tencent"`}},
		{"unknown sector", catalogConfig("config-bad-sector.yaml"),
			[]string{filepath.Join("testdata", "catalog", "bad-sector-entities.yaml") + ":3:", `"Brightpath Foods"`, `sector "consumer.fod"`}},
		{"missing file", missing, []string{filepath.Join(dir, "nowhere.yaml")}},
		{"bad taxonomy", catalogConfig("config-bad-taxonomy.yaml"),
			[]string{filepath.Join("testdata", "catalog", "bad-taxonomy.yaml") + ":5:", `unknown parent "chip"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := cli(t, nil, "", "--config", tt.config, "score", "--analyzer", "lexicon", "Tencent rose.")
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d: %s", code, ExitUsage, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not name %q", stderr, w)
				}
			}
		})
	}
}

func TestCatalogConfigTaxonomy(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "none.db")
	code, out, stderr := cli(t, nil, "", "--config", catalogConfig("config-taxonomy.yaml"), "--db", dbPath, "sectors", "list")
	if code != ExitOK {
		t.Fatalf("sectors list exit %d: %s", code, stderr)
	}
	var got [][]string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		got = append(got, strings.Fields(l))
	}
	want := [][]string{
		{"id", "name", "parent", "hsics", "gics"},
		{"chips", "Chips", "-", "-", "-"},
		{"chips.memory", "Memory", "chips", "chips", "-", "-"}, // name "Memory chips"
		{"shipping", "Shipping", "-", "-", "-"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("sectors list with the user's taxonomy:\n%s\nwant only chips, chips.memory (parent chips) and shipping", out)
	}

	// Entities keep only the sector ids of the user's taxonomy, with one
	// warning.
	code, out, stderr = cli(t, nil, "", "--config", catalogConfig("config-taxonomy.yaml"), "--db", dbPath,
		"entities", "list", "--format", "jsonl")
	if code != ExitOK {
		t.Fatalf("entities list exit %d: %s", code, stderr)
	}
	if n := strings.Count(stderr, "sector ids the taxonomy lacks were dropped"); n != 1 {
		t.Errorf("stderr has %d warnings about dropped sector ids, want 1:\n%s", n, stderr)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e entityJSON
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("entities list --format jsonl line %q: %v", l, err)
		}
		for _, s := range e.Sectors {
			if s != "chips" && s != "chips.memory" && s != "shipping" {
				t.Errorf("%s keeps sector %q the user's taxonomy lacks", e.Name, s)
			}
		}
	}

	// The built-in taxonomy has parents too.
	code, out, _ = cli(t, nil, "", "--db", dbPath, "sectors", "list")
	if code != ExitOK || !slices.ContainsFunc(strings.Split(out, "\n"), func(l string) bool {
		f := strings.Fields(l)
		return len(f) > 2 && f[0] == "tech.ai" && slices.Contains(f, "tech")
	}) {
		t.Errorf("built-in sectors list: exit %d, want tech.ai with parent tech:\n%s", code, out)
	}
}

// scrapeQuillon stores the Quillon fixture article in a new database and
// returns its path.
func scrapeQuillon(t *testing.T) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "sp.db")
	code, _, stderr := cli(t, nil, "", "--db", dbPath, "scrape", "--file", filepath.Join("testdata", "catalog", "quillon.html"))
	if code != ExitOK {
		t.Fatalf("scrape exit %d: %s", code, stderr)
	}
	return dbPath
}

// mentionedEntities returns the entities of the stored mentions, as
// "name/kind".
func mentionedEntities(t *testing.T, dbPath string) []string {
	t.Helper()
	code, out, stderr := cli(t, nil, "", "--db", dbPath, "export", "mentions", "--format", "csv", "--out", "-")
	if code != ExitOK {
		t.Fatalf("export mentions exit %d: %s", code, stderr)
	}
	rows := readCSV(t, out)
	col, kind := slices.Index(rows[0], "entity"), slices.Index(rows[0], "entity_kind")
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[col]+"/"+r[kind])
	}
	return names
}

func TestCatalogEntitiesAddAnalyze(t *testing.T) {
	dbPath := scrapeQuillon(t)
	code, _, stderr := cli(t, nil, "", "--db", dbPath, "analyze", "--analyzer", "lexicon")
	if code != ExitOK {
		t.Fatalf("analyze exit %d: %s", code, stderr)
	}
	// Before it is added, the name is only a discovered organisation.
	if got := mentionedEntities(t, dbPath); slices.Contains(got, "Quillon Robotics/company") || !slices.Contains(got, "Quillon Robotics/other") {
		t.Fatalf("mentions %v before the entity was added, want Quillon Robotics of kind other only", got)
	}

	code, _, stderr = cli(t, nil, "", "--db", dbPath, "entities", "add", "Quillon Robotics", "--kind", "company",
		"--alias", "Quillon", "--ticker", "9982.HK", "--sector", "tech.ai")
	if code != ExitOK {
		t.Fatalf("entities add exit %d: %s", code, stderr)
	}
	stored, err := store.ReadEntities(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(stored, func(e store.StoredEntity) bool { return e.Name == "Quillon Robotics" })
	if i < 0 || stored[i].Origin != store.OriginUser || !slices.Equal(stored[i].Tickers, []string{"9982.HK"}) {
		t.Fatalf("stored entities %+v, want Quillon Robotics of origin user", stored)
	}

	// The gazetteer changed, so analyze scores the article again.
	code, _, stderr = cli(t, nil, "", "--db", dbPath, "analyze", "--analyzer", "lexicon")
	if code != ExitOK {
		t.Fatalf("second analyze exit %d: %s", code, stderr)
	}
	if got := mentionedEntities(t, dbPath); !slices.Contains(got, "Quillon Robotics/company") {
		t.Errorf("mentions %v, want Quillon Robotics of kind company after entities add", got)
	}

	// score reads the user entities from the database without opening it
	// for writing.
	names := scoreEntities(t, "--db", dbPath, "score", "--analyzer", "lexicon", "Quillon shares surged 9 percent.")
	if !slices.Equal(names, []string{"Quillon Robotics"}) {
		t.Errorf("score found %v, want Quillon Robotics", names)
	}

	code, out, stderr := cli(t, nil, "", "--db", dbPath, "entities", "list", "--origin", "user")
	if code != ExitOK {
		t.Fatalf("entities list exit %d: %s", code, stderr)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "Quillon Robotics ") ||
		!strings.HasSuffix(lines[1], " user") {
		t.Errorf("entities list --origin user:\n%s\nwant only Quillon Robotics", out)
	}
}

func TestCatalogEntitiesAddTwice(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "sp.db")
	args := []string{"--db", dbPath, "entities", "add", "Quillon Robotics", "--kind", "company", "--alias", "Quillon", "--sector", "tech.ai"}
	if code, _, stderr := cli(t, nil, "", args...); code != ExitOK {
		t.Fatalf("first add exit %d: %s", code, stderr)
	}
	code, _, stderr := cli(t, nil, "", args...)
	if code != ExitOK || !strings.Contains(stderr, "already known") {
		t.Errorf("second add: exit %d, stderr %q; want 0 and already known", code, stderr)
	}
	// The same entity in another order of its values is the same entity.
	code, _, stderr = cli(t, nil, "", "--db", dbPath, "entities", "add", "quillon robotics", "--sector", "tech.ai", "--kind", "company", "--alias", "Quillon")
	if code != ExitOK || !strings.Contains(stderr, "already known") {
		t.Errorf("add with another case: exit %d, stderr %q; want 0 and already known", code, stderr)
	}
	stored, err := store.ReadEntities(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 || stored[0].Name != "Quillon Robotics" {
		t.Errorf("stored %+v, want one Quillon Robotics", stored)
	}
}

func TestCatalogEntitiesAddRefused(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "sp.db")
	if code, _, stderr := cli(t, nil, "", "--db", dbPath, "entities", "add", "Quillon Robotics", "--kind", "company", "--alias", "Quillon"); code != ExitOK {
		t.Fatalf("add exit %d: %s", code, stderr)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"alias clash", []string{"Tencent Rival", "--kind", "company", "--alias", "Tencent"}, []string{`"Tencent"`, "already names"}},
		{"ticker clash", []string{"Penguin Games", "--kind", "company", "--ticker", "0700.HK"}, []string{"Tencent"}},
		{"clash with a user entity", []string{"Quillon Labs", "--kind", "company", "--alias", "Quillon"}, []string{"Quillon Robotics"}},
		{"unknown sector", []string{"Osprey Gaming", "--kind", "company", "--sector", "tech.gamin"}, []string{`"tech.gamin"`, "nearest", "tech.gaming"}},
		{"same name, other fields", []string{"Quillon Robotics", "--kind", "company", "--alias", "QR Robotics"}, []string{"Quillon Robotics", "other fields"}},
		{"no kind", []string{"Osprey Gaming"}, []string{"--kind is required"}},
		{"bad kind", []string{"Osprey Gaming", "--kind", "index"}, []string{`--kind "index"`}},
		{"empty alias", []string{"Osprey Gaming", "--kind", "company", "--alias", " "}, []string{"empty --alias"}},
		{"no name", []string{"--kind", "company"}, []string{"accepts 1 arg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--db", dbPath, "entities", "add"}, tt.args...)
			code, _, stderr := cli(t, nil, "", args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d: %s", code, ExitUsage, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not say %q", stderr, w)
				}
			}
		})
	}
	stored, err := store.ReadEntities(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 {
		t.Errorf("stored %+v, want only Quillon Robotics", stored)
	}
}

func TestCatalogEntitiesListFlags(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{{"--origin", "mine"}, {"--format", "csv"}} {
		code, _, stderr := cli(t, nil, "", append([]string{"--db", dbPath, "entities", "list"}, args...)...)
		if code != ExitUsage {
			t.Errorf("entities list %v: exit %d, want %d: %s", args, code, ExitUsage, stderr)
		}
	}
	code, out, stderr := cli(t, nil, "", "--db", dbPath, "entities", "list", "--origin", "builtin", "--format", "jsonl")
	if code != ExitOK {
		t.Fatalf("entities list exit %d: %s", code, stderr)
	}
	var tencent entityJSON
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e entityJSON
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if e.Origin != originBuiltin {
			t.Errorf("%s has origin %q with --origin builtin", e.Name, e.Origin)
		}
		if e.Name == "Tencent" {
			tencent = e
		}
	}
	if tencent.Kind != "company" || !slices.Contains(tencent.Tickers, "0700.HK") || len(tencent.Aliases) == 0 {
		t.Errorf("Tencent in jsonl: %+v, want kind, aliases and tickers", tencent)
	}
	if _, err := os.Stat(dbPath); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("entities list created the database %s", dbPath)
	}
}
