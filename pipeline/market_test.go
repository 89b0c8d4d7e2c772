package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/store"
)

// mktText returns a body of random words drawn with seed n: texts of
// different seeds share no phrase, so the store never takes one for a copy
// of another.
func mktText(n int) string {
	r := rand.New(rand.NewPCG(uint64(n), 0x5ec7))
	words := make([]string, 90)
	for i := range words {
		b := make([]byte, 4+r.IntN(6))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		words[i] = string(b)
	}
	return strings.Join(words[:45], " ") + ".\n\n" + strings.Join(words[45:], " ") + "."
}

// mktArticle is a stored article and the title its evidence quotes.
type mktArticle struct {
	id    int64
	title string
}

// mktSave stores an article of source published at the given instant
// (fetched an hour later) and checks the store saw a new story or, when
// dupOf is not zero, a near-duplicate of dupOf.
func mktSave(t *testing.T, db *store.DB, url, source, title, text string, published time.Time, dupOf int64) mktArticle {
	t.Helper()
	a := &sectorpulse.Article{URL: url, Source: source, Title: title, Text: text, Language: "en",
		PublishedAt: published, FetchedAt: published.Add(time.Hour).UTC()}
	res, err := db.SaveArticle(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != store.StatusNew || res.DuplicateOf != dupOf {
		t.Fatalf("save %s: got status %s, duplicate of %d; want %s, duplicate of %d", url, res.Status, res.DuplicateOf, store.StatusNew, dupOf)
	}
	return mktArticle{id: res.ID, title: title}
}

// mktStory stores story n, a distinct story of its own.
func mktStory(t *testing.T, db *store.DB, n int, published time.Time) mktArticle {
	t.Helper()
	return mktSave(t, db, fmt.Sprintf("https://harbour.example/markets/story-%d", n), "harbourwire",
		fmt.Sprintf("Market story %d", n), mktText(n), published, 0)
}

// mktAnalyze stores an analysis of a by analyzer with the given sector
// scores and index moves, every one quoting the article's title.
func mktAnalyze(t *testing.T, db *store.DB, a mktArticle, analyzer string, sectors []sectorpulse.SectorScore, moves []sectorpulse.IndexMove) {
	t.Helper()
	ev := sectorpulse.Evidence{Quote: a.title, Start: 0, End: len(a.title)}
	for i := range sectors {
		sectors[i].Evidence = ev
	}
	for i := range moves {
		moves[i].Evidence = ev
	}
	an := &sectorpulse.Analysis{ArticleID: a.id, Analyzer: analyzer, Model: analyzer + "-model", PromptVersion: "v1",
		CreatedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Confidence: 0.5, Sectors: sectors, Moves: moves}
	if _, err := db.SaveAnalysis(context.Background(), an); err != nil {
		t.Fatal(err)
	}
}

// mktScore is a sector score without its evidence.
func mktScore(sector string, sentiment, confidence, relevance float64) sectorpulse.SectorScore {
	return sectorpulse.SectorScore{Sector: sector, Sentiment: sentiment, Confidence: confidence, Relevance: relevance}
}

// mktPrices stores closes of index on the given dates, 100, 101, ….
func mktPrices(t *testing.T, db *store.DB, index string, dates ...string) {
	t.Helper()
	var ps []sectorpulse.Price
	for i, d := range dates {
		ps = append(ps, sectorpulse.Price{Index: index, Date: d, Close: 100 + float64(i)})
	}
	if _, err := db.SavePrices(context.Background(), ps); err != nil {
		t.Fatal(err)
	}
}

// mktExport exports table as CSV and returns its header and its rows keyed
// by column.
func mktExport(t *testing.T, db *store.DB, table string, opts ExportOptions) ([]string, []map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	n, err := Export(context.Background(), db, table, &buf, opts)
	if err != nil {
		t.Fatalf("export %s: %v", table, err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("export %s: read CSV: %v", table, err)
	}
	if len(recs) == 0 || len(recs)-1 != n {
		t.Fatalf("export %s: %d records for %d rows reported", table, len(recs), n)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, c := range recs[0] {
			m[c] = rec[i]
		}
		rows = append(rows, m)
	}
	return recs[0], rows
}

func mktFloat(v float64) *float64 { return &v }

// TestCalendarPerExchange checks that each exchange's calendar knows its
// sessions from the prices of its own calendar's indexes only: Hong Kong's
// Easter (18 and 21 April 2025) is not New York's (18 April only), New
// York's Memorial Day (26 May) is not a Hong Kong holiday, and CSI 300
// (listed on SSE) gives SZSE its sessions.
func TestCalendarPerExchange(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	mktPrices(t, db, "HSI", "2025-04-17", "2025-04-22", "2025-05-26")
	mktPrices(t, db, "SPX", "2025-04-17", "2025-04-21", "2025-05-23", "2025-05-27")
	mktPrices(t, db, "CSI300", "2025-04-30", "2025-05-06") // Labour Day: closed 1 to 5 May

	tests := []struct {
		name, exchange string
		at             time.Time
		want           string
	}{
		// 10:00 HKT Good Friday; 22:00 EDT on Thursday 17 April.
		{"Easter in Hong Kong", sectorpulse.MarketHKEX, time.Date(2025, 4, 18, 2, 0, 0, 0, time.UTC), "2025-04-22"},
		{"Good Friday in New York", sectorpulse.MarketNYSE, time.Date(2025, 4, 18, 2, 0, 0, 0, time.UTC), "2025-04-21"},
		// NASDAQ shares NYSE's calendar "US".
		{"Good Friday on NASDAQ", sectorpulse.MarketNasdaq, time.Date(2025, 4, 18, 2, 0, 0, 0, time.UTC), "2025-04-21"},
		// 10:00 HKT Friday 23 May: SPX traded, HSI prices skip it.
		{"no US session in Hong Kong", sectorpulse.MarketHKEX, time.Date(2025, 5, 23, 2, 0, 0, 0, time.UTC), "2025-05-26"},
		// 10:00 EDT Memorial Day: HSI traded, SPX prices skip it.
		{"no Hong Kong session in New York", sectorpulse.MarketNYSE, time.Date(2025, 5, 26, 14, 0, 0, 0, time.UTC), "2025-05-27"},
		// 10:00 CST on Labour Day.
		{"CSI 300 on SSE", sectorpulse.MarketSSE, time.Date(2025, 5, 1, 2, 0, 0, 0, time.UTC), "2025-05-06"},
		{"CSI 300 gives SZSE its sessions", sectorpulse.MarketSZSE, time.Date(2025, 5, 1, 2, 0, 0, 0, time.UTC), "2025-05-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := Calendar(ctx, db, nil, tt.exchange)
			if err != nil {
				t.Fatal(err)
			}
			if got := cal.TradingDate(tt.at); got != tt.want {
				t.Errorf("%s TradingDate(%s): got %s, want %s", tt.exchange, tt.at.Format(time.RFC3339), got, tt.want)
			}
		})
	}
	if _, err := Calendar(ctx, db, nil, "LSE"); err == nil || !strings.Contains(err.Error(), `unknown exchange "LSE"`) {
		t.Errorf("Calendar(LSE): got %v, want an unknown exchange error", err)
	}
}

// TestLoadSeriesPicksOneAnalyzer checks that LoadSeries and Correlations
// refuse scores of several analyzers unless one is named, keep only that
// one's rows when it is, and ask for prices when fewer than two are stored.
func TestLoadSeriesPicksOneAnalyzer(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	mktPrices(t, db, "HSI", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07")
	mktPrices(t, db, "HSCEI", "2025-03-03")
	// 10:00 HKT on Tuesday and Wednesday.
	a1 := mktStory(t, db, 1, time.Date(2025, 3, 4, 2, 0, 0, 0, time.UTC))
	a2 := mktStory(t, db, 2, time.Date(2025, 3, 5, 2, 0, 0, 0, time.UTC))
	mktAnalyze(t, db, a1, "lexicon", []sectorpulse.SectorScore{mktScore("tech", 0.5, 0.8, 0.9), mktScore("banks", -0.2, 0.6, 0.5)}, nil)
	mktAnalyze(t, db, a2, "lexicon", []sectorpulse.SectorScore{mktScore("tech", 0.3, 0.7, 0.6)}, nil)
	mktAnalyze(t, db, a1, "llm", []sectorpulse.SectorScore{mktScore("tech", 0.9, 0.9, 1)}, nil)

	_, err := LoadSeries(ctx, db, SeriesRequest{Index: "HSI"})
	var mixed *AnalyzersMixedError
	if !errors.As(err, &mixed) || !slices.Equal(mixed.Analyzers, []string{"lexicon", "llm"}) {
		t.Errorf("LoadSeries without analyzer: got %v, want *AnalyzersMixedError [lexicon llm]", err)
	}
	_, err = Correlations(ctx, db, CorrelateRequest{SeriesRequest: SeriesRequest{Index: "HSI"}, Lags: []int{0}})
	if !errors.As(err, &mixed) {
		t.Errorf("Correlations without analyzer: got %v, want *AnalyzersMixedError", err)
	}

	for _, tt := range []struct {
		analyzer string
		want     []string // date/sector of each daily row
	}{
		{"lexicon", []string{"2025-03-04/banks", "2025-03-04/tech", "2025-03-05/tech"}},
		{"llm", []string{"2025-03-04/tech"}},
	} {
		s, err := LoadSeries(ctx, db, SeriesRequest{Index: "hang seng", Analyzer: tt.analyzer})
		if err != nil {
			t.Fatalf("LoadSeries(%s): %v", tt.analyzer, err)
		}
		var got []string
		for _, d := range s.Daily {
			if d.Analyzer != tt.analyzer {
				t.Errorf("LoadSeries(%s): daily row of analyzer %s", tt.analyzer, d.Analyzer)
			}
			got = append(got, d.TradingDate+"/"+d.Sector)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("LoadSeries(%s) daily rows: got %v, want %v", tt.analyzer, got, tt.want)
		}
		if s.Index.Code != "HSI" || len(s.Returns) != 4 || s.Returns[0].Date != "2025-03-04" {
			t.Errorf("LoadSeries(%s): index %s, %d returns %v; want HSI, 4 returns from 2025-03-04", tt.analyzer, s.Index.Code, len(s.Returns), s.Returns)
		}
	}
	if _, err := Correlations(ctx, db, CorrelateRequest{SeriesRequest: SeriesRequest{Index: "HSI", Analyzer: "llm"}, Lags: []int{0}}); err != nil {
		t.Errorf("Correlations(llm): %v", err)
	}

	for _, tt := range []struct {
		index string
		rows  int
	}{{"HSCEI", 1}, {"SPX", 0}} {
		_, err := LoadSeries(ctx, db, SeriesRequest{Index: tt.index, Analyzer: "lexicon"})
		var in *InputError
		if !errors.As(err, &in) {
			t.Errorf("LoadSeries(%s): got %v, want *InputError", tt.index, err)
			continue
		}
		want := fmt.Sprintf("index %s: %d price rows stored, need at least 2 (sectorpulse prices import --index %s FILE, or prices fetch --index %s)",
			tt.index, tt.rows, tt.index, tt.index)
		if err.Error() != want {
			t.Errorf("LoadSeries(%s): got %q, want %q", tt.index, err, want)
		}
	}
}

// TestDailySectorsCountsSyndicatedCopyOnce stores a wire story and a copy
// on another site, both scored, and checks the day's sector sentiment
// counts the story once, with the first copy's score.
func TestDailySectorsCountsSyndicatedCopyOnce(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	at := time.Date(2025, 3, 4, 2, 0, 0, 0, time.UTC) // 10:00 HKT Tuesday
	text := mktText(7)
	orig := mktSave(t, db, "https://wire.example/story", "victoriawire", "Chipmakers rally", text, at, 0)
	// The copy adds a credit line and runs twenty minutes later.
	cp := mktSave(t, db, "https://ledger.example/wire/story", "lantauledger", "Chipmakers rally",
		text+"\n\nDistributed by Victoria Wire for Lantau Ledger.", at.Add(20*time.Minute), orig.id)
	mktAnalyze(t, db, orig, "lexicon", []sectorpulse.SectorScore{mktScore("tech", 0.6, 0.8, 0.9)}, nil)
	mktAnalyze(t, db, cp, "lexicon", []sectorpulse.SectorScore{mktScore("tech", -0.4, 0.9, 1)}, nil)

	cal, err := Calendar(ctx, db, nil, sectorpulse.MarketHKEX)
	if err != nil {
		t.Fatal(err)
	}
	daily, err := DailySectors(ctx, db, cal, store.ExportFilter{}, market.DailyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Mentions is left unchecked: the store drops the copy's scores, so
	// whether a copy adds a mention is not this test's question.
	relevance, confidence := 0.9, 0.8
	want := market.DailySector{TradingDate: "2025-03-04", Sector: "tech", Analyzer: "lexicon", Sentiment: 0.6, Articles: 1,
		Weight: relevance * confidence}
	if len(daily) != 1 {
		t.Fatalf("daily sectors: got %+v, want one row %+v", daily, want)
	}
	got := daily[0]
	got.Mentions = 0
	if got != want {
		t.Errorf("daily sectors: got %+v, want %+v", daily[0], want)
	}
}

// TestExportMovesAgainstPrices checks the price columns of the moves
// table: a week's move shows the session's price but no verdict, a move of
// an index without prices shows neither, and a day's move matches to the
// precision it was reported with.
func TestExportMovesAgainstPrices(t *testing.T) {
	db := openStore(t)
	if _, err := db.SavePrices(context.Background(), []sectorpulse.Price{
		{Index: "HSI", Date: "2025-03-06", Close: 100},
		{Index: "HSI", Date: "2025-03-07", Close: 102.14}, // +2.14%
	}); err != nil {
		t.Fatal(err)
	}
	hkEvening := time.Date(2025, 3, 7, 10, 0, 0, 0, time.UTC) // 18:00 HKT Friday, after the close
	hkThursday := hkEvening.Add(-24 * time.Hour)              // the first stored day: no stored change
	nyEvening := time.Date(2025, 3, 7, 22, 0, 0, 0, time.UTC) // 17:00 EST Friday, after the close
	moves := []struct {
		at   time.Time
		move sectorpulse.IndexMove
	}{
		{hkEvening, sectorpulse.IndexMove{Index: "HSI", ChangePct: mktFloat(2.1), Period: sectorpulse.PeriodDay}},
		{hkEvening.Add(time.Minute), sectorpulse.IndexMove{Index: "HSI", ChangePct: mktFloat(2.13), Period: sectorpulse.PeriodDay}},
		{hkEvening.Add(2 * time.Minute), sectorpulse.IndexMove{Index: "HSI", ChangePct: mktFloat(5.2), Period: sectorpulse.PeriodWeek}},
		{nyEvening, sectorpulse.IndexMove{Index: "SPX", ChangePct: mktFloat(-1.3), Period: sectorpulse.PeriodDay}},
		{hkThursday, sectorpulse.IndexMove{Index: "HSI", ChangePct: mktFloat(1.5), Period: sectorpulse.PeriodDay}},
		{hkThursday.Add(time.Minute), sectorpulse.IndexMove{Index: "HSI", ChangePct: mktFloat(1.5), Level: mktFloat(100), Period: sectorpulse.PeriodDay}},
	}
	for i, m := range moves {
		mktAnalyze(t, db, mktStory(t, db, 10+i, m.at), "lexicon", nil, []sectorpulse.IndexMove{m.move})
	}

	_, rows := mktExport(t, db, "moves", ExportOptions{})
	cols := []string{"index_code", "index_name", "change_pct", "period", "price_date", "price_close", "price_change_pct", "matches"}
	want := [][]string{ // in order of publication
		// On the first stored day only a level can be checked.
		{"HSI", "Hang Seng Index", "1.5", "day", "2025-03-06", "100", "", ""},
		{"HSI", "Hang Seng Index", "1.5", "day", "2025-03-06", "100", "", "true"},
		{"HSI", "Hang Seng Index", "2.1", "day", "2025-03-07", "102.14", "2.14", "true"},
		{"HSI", "Hang Seng Index", "2.13", "day", "2025-03-07", "102.14", "2.14", "false"},
		{"HSI", "Hang Seng Index", "5.2", "week", "2025-03-07", "102.14", "2.14", ""},
		{"SPX", "S&P 500", "-1.3", "day", "", "", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("moves: got %d rows %v, want %d", len(rows), rows, len(want))
	}
	for i, w := range want {
		for j, c := range cols {
			if got := rows[i][c]; got != w[j] {
				t.Errorf("moves row %d (%s %s %s): %s got %q, want %q", i+1, w[0], w[2], w[3], c, got, w[j])
			}
		}
	}
}

// TestExportDailyCalendarAndNoveltyDecay checks that the daily table's
// days follow the calendar of ExportOptions.Index (HKEX by default) and
// that novelty decay lowers the weight of a busy day.
func TestExportDailyCalendarAndNoveltyDecay(t *testing.T) {
	db := openStore(t)
	// 17:00 HKT, after Hong Kong's close; 05:00 EDT, before New York's.
	a := mktStory(t, db, 20, time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC))
	mktAnalyze(t, db, a, "lexicon", []sectorpulse.SectorScore{mktScore("tech", 0.4, 0.5, 0.5)}, nil)
	// Two stories on banks two hours apart: 09:00 and 11:00 HKT Wednesday.
	b1 := mktStory(t, db, 21, time.Date(2025, 3, 12, 1, 0, 0, 0, time.UTC))
	b2 := mktStory(t, db, 22, time.Date(2025, 3, 12, 3, 0, 0, 0, time.UTC))
	mktAnalyze(t, db, b1, "lexicon", []sectorpulse.SectorScore{mktScore("banks", 0.5, 0.5, 0.8)}, nil)  // weight 0.4
	mktAnalyze(t, db, b2, "lexicon", []sectorpulse.SectorScore{mktScore("banks", -0.5, 0.5, 0.6)}, nil) // weight 0.3

	dayOf := func(rows []map[string]string, sector string) map[string]string {
		t.Helper()
		for _, r := range rows {
			if r["sector"] == sector {
				return r
			}
		}
		t.Fatalf("daily: no %s row in %v", sector, rows)
		return nil
	}
	header, rows := mktExport(t, db, "daily", ExportOptions{Index: "SPX"})
	if got := dayOf(rows, "tech")["trading_date"]; got != "2025-03-10" {
		t.Errorf("daily with index SPX: tech on %s, want 2025-03-10", got)
	}
	if header[len(header)-1] != "weight" {
		t.Errorf("daily header %v does not end with weight", header)
	}

	_, rows = mktExport(t, db, "daily", ExportOptions{})
	if got := dayOf(rows, "tech")["trading_date"]; got != "2025-03-11" {
		t.Errorf("daily with HKEX: tech on %s, want 2025-03-11", got)
	}
	banks := dayOf(rows, "banks")
	// (0.4×0.5 + 0.3×−0.5) / 0.7
	if banks["trading_date"] != "2025-03-12" || banks["articles"] != "2" || banks["weight"] != "0.7" || banks["sentiment"] != "0.0714" {
		t.Errorf("daily banks without decay: got %v, want 2025-03-12, 2 articles, weight 0.7, sentiment 0.0714", banks)
	}

	_, rows = mktExport(t, db, "daily", ExportOptions{Daily: market.DailyOptions{NoveltyDecay: 0.5}})
	banks = dayOf(rows, "banks")
	// The second story's 0.3 is halved: 0.4 + 0.15; (0.2 − 0.075) / 0.55.
	if banks["weight"] != "0.55" || banks["sentiment"] != "0.2273" || banks["articles"] != "2" {
		t.Errorf("daily banks with decay 0.5: got %v, want weight 0.55, sentiment 0.2273, 2 articles", banks)
	}
	if got := dayOf(rows, "tech")["weight"]; got != "0.25" {
		t.Errorf("daily tech with decay 0.5: weight %s, want 0.25 (a lone story is not decayed)", got)
	}
}

// TestFetchPricesFromStooq fetches HSI from a loopback stand-in for Stooq
// and checks what was stored and reported.
func TestFetchPricesFromStooq(t *testing.T) {
	ctx := context.Background()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/q/d/l/" || r.URL.Query().Get("s") != "^hsi" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		fmt.Fprint(w, "Date,Open,High,Low,Close,Volume\n2025-02-03,20116.2,20289.54,19990.84,20217.26,0\n2025-02-04,20006.52,20840.77,19988.02,20789.96,0\n")
	}))
	defer srv.Close()
	db := openStore(t)
	f := &market.PriceFetcher{Client: srv.Client(), Retries: -1,
		Now: func() time.Time { return time.Date(2025, 2, 10, 12, 0, 0, 0, time.UTC) }}
	opts := FetchOptions{Index: "HSI", Source: market.SourceStooq, From: "2025-02-03", To: "2025-02-04", BaseURL: srv.URL}

	res, err := FetchPrices(ctx, db, f, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantURL := srv.URL + "/q/d/l/?s=%5Ehsi&d1=20250203&d2=20250204&i=d"
	if res.File != wantURL || res.Format != "stooq" || res.Index != "HSI" || res.Rows != 2 || len(res.RowErrors) != 0 ||
		res.From != "2025-02-03" || res.To != "2025-02-04" || res.Saved != (store.PriceResult{Inserted: 2}) {
		t.Errorf("FetchPrices: got %+v, want file %s, format stooq, HSI, 2 rows inserted 2025-02-03..2025-02-04", res, wantURL)
	}
	got, err := db.Prices(ctx, "HSI", "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []sectorpulse.Price{
		{Index: "HSI", Date: "2025-02-03", Open: 20116.2, High: 20289.54, Low: 19990.84, Close: 20217.26},
		{Index: "HSI", Date: "2025-02-04", Open: 20006.52, High: 20840.77, Low: 19988.02, Close: 20789.96},
	}
	if !slices.Equal(got, want) {
		t.Errorf("stored prices: got %+v, want %+v", got, want)
	}
	if res, err := FetchPrices(ctx, db, f, opts); err != nil || res.Saved != (store.PriceResult{Unchanged: 2}) {
		t.Errorf("second fetch: got %+v, %v; want 2 unchanged", res, err)
	}

	before := hits.Load()
	_, err = FetchPrices(ctx, db, f, FetchOptions{Index: "NOPE", Source: market.SourceStooq, BaseURL: srv.URL})
	var in *InputError
	var unknown *sectorpulse.UnknownIndexError
	if !errors.As(err, &in) || !errors.As(err, &unknown) || unknown.Name != "NOPE" {
		t.Errorf("FetchPrices(NOPE): got %v, want an *InputError wrapping *UnknownIndexError", err)
	}
	if hits.Load() != before {
		t.Error("FetchPrices(NOPE) made a request")
	}
}
