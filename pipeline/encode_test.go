package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestCSVNeutralisesFormulaCellsButNotNumbers(t *testing.T) {
	var buf bytes.Buffer
	enc, err := NewRowEncoder(&buf, FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	neg := -1.5
	if err := enc.WriteHeader([]string{"evidence", "sentiment", "level", "sectors", "when"}); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{`=HYPERLINK("http://evil.example","x")`, -0.35, &neg, []string{"tech.ai", "auto.ev"}, time.Date(2025, 2, 14, 16, 35, 0, 0, time.FixedZone("HKT", 8*3600))},
		{"+1 call", math.NaN(), (*float64)(nil), []string(nil), time.Time{}},
		{"@SUM(A1)", 0.0, nil, []string{"-x"}, time.Time{}},
		{"plain, with \"quotes\"\nand a newline", 1, nil, nil, time.Time{}},
	}
	for _, r := range rows {
		if err := enc.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("output is not RFC 4180: %v", err)
	}
	want := [][]string{
		{"evidence", "sentiment", "level", "sectors", "when"},
		{`'=HYPERLINK("http://evil.example","x")`, "-0.35", "-1.5", "tech.ai;auto.ev", "2025-02-14T16:35:00+08:00"},
		{"'+1 call", "", "", "", ""},
		{"'@SUM(A1)", "0", "", "'-x", ""},
		{"plain, with \"quotes\"\nand a newline", "1", "", "", ""},
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if err := enc.WriteRow([]any{"too few"}); err == nil {
		t.Error("a short row: got nil error")
	}
}

func TestJSONLKeepsColumnOrderTypesAndNulls(t *testing.T) {
	var buf bytes.Buffer
	enc, err := NewRowEncoder(&buf, FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	enc.WriteHeader([]string{"article_id", "evidence", "change_pct", "sectors", "r"})
	pct := 3.69
	enc.WriteRow([]any{int64(7), "=not neutralised in JSON", &pct, []string{"tech.ai"}, math.NaN()})
	enc.WriteRow([]any{int64(8), "", (*float64)(nil), []string(nil), 0.5})
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2", len(lines))
	}
	if want := `{"article_id":7,"evidence":"=not neutralised in JSON","change_pct":3.69,"sectors":["tech.ai"],"r":null}`; lines[0] != want {
		t.Errorf("line 1:\n got %s\nwant %s", lines[0], want)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &obj); err != nil {
		t.Fatal(err)
	}
	if obj["evidence"] != nil || obj["change_pct"] != nil || obj["r"] != 0.5 {
		t.Errorf("line 2 decoded to %v", obj)
	}
	if s, ok := obj["sectors"].([]any); !ok || len(s) != 0 {
		t.Errorf("nil sectors should be an empty array, got %v", obj["sectors"])
	}
	if _, err := NewRowEncoder(&buf, "xlsx"); err == nil {
		t.Error("unknown format: got nil error")
	}
}

func TestExportColumnsAreCopies(t *testing.T) {
	cols, ok := ExportColumns("daily")
	if !ok || strings.Join(cols, ",") != "trading_date,sector,sentiment,articles,mentions,analyzer,weight" {
		t.Fatalf("daily columns %v", cols)
	}
	cols[0] = "changed"
	again, _ := ExportColumns("daily")
	if again[0] != "trading_date" {
		t.Error("ExportColumns returned shared state")
	}
	for _, table := range ExportTables() {
		if _, ok := ExportColumns(table); !ok {
			t.Errorf("table %s listed but has no columns", table)
		}
	}
}
