package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// evStory is a wire story, one string per paragraph.
var evStory = []string{
	"Shares of Chinese electric vehicle makers rallied in Hong Kong on Thursday after Beijing said it would extend its car trade-in subsidy programme to the end of next year and widen it to cover used vehicles bought from dealers, easing worries that a slowdown in home demand would deepen a bruising price war.",
	"BYD rose 5.8 percent to HK$402.60, Geely Automobile gained 7.1 percent and Li Auto climbed 6.3 percent. XPeng jumped 9.4 percent, its biggest gain since October, while NIO added 4.2 percent. The Hang Seng Index closed up 1.6 percent at 23,905.12 points.",
	"The Ministry of Commerce said buyers who scrap an older petrol car and buy a new energy vehicle would keep receiving up to 20,000 yuan, and that local governments could top up the payment from their own budgets. About 6.8 million cars were replaced under the scheme last year, according to the China Passenger Car Association.",
	"\"The extension removes the biggest overhang for the sector in the first half,\" said Alan Cheung, an autos analyst at Tsim Sha Tsui Securities. \"Without it, we expected domestic sales to fall by as much as 10 percent from the second quarter.\"",
	"Battery maker CATL rose 3.9 percent in Hong Kong trading, and lithium producer Ganfeng Lithium advanced 5.5 percent on hopes that steadier car sales would support prices of the metal, which fell by more than half over the past two years.",
	"Still, some investors questioned how long the subsidies could prop up demand. Dealers have cut prices on more than 100 models since January, and several smaller brands have delayed payments to suppliers, according to industry surveys.",
	"Shares of traditional carmakers were mixed. Great Wall Motor gained 2.4 percent, while Guangzhou Automobile Group slipped 0.7 percent after reporting a 15 percent drop in February deliveries.",
}

// evOtherStory is a different story on the same companies and day.
var evOtherStory = []string{
	"BYD said on Thursday that it sold 318,200 new energy vehicles in February, up 21 percent from a year earlier but down 8 percent from January, as the Lunar New Year holiday kept showrooms quiet for more than a week.",
	"Overseas shipments reached a record 67,000 units, the company said in a filing to the Hong Kong stock exchange, helped by new plants in Thailand and Brazil and strong demand for its Atto 3 and Seal models in Europe despite European Union tariffs.",
	"Rivals reported mixed figures. Geely Automobile's deliveries rose 12 percent to 155,000 vehicles, Li Auto handed over 26,300 cars, down 3 percent, and XPeng more than doubled its deliveries to 30,450 from a low base. NIO delivered 13,200 vehicles, its weakest month in a year.",
	"\"The export numbers are the bright spot,\" said Joanne Leung, who covers Chinese carmakers at Shek O Capital. \"Domestic volumes are being held up by subsidies and discounts, and margins are paying for it.\"",
	"BYD's gross margin on vehicles narrowed to about 21 percent in the fourth quarter from 23 percent a year earlier, according to analysts' estimates, as the company cut prices on its cheapest models to defend market share against Geely and Leapmotor.",
	"The company also said it would start selling a driver-assistance package on all models priced above 100,000 yuan from April, a move analysts expect to add pressure on rivals that charge extra for similar features.",
	"BYD shares ended the day up 5.8 percent, alongside gains across the sector after the government extended its trade-in programme.",
}

// evCopy is a syndicated copy of evStory.
type evCopy struct {
	name, text string
	// far says the copy is more than sectorpulse.NearDuplicateDistance
	// bits from evStory, beyond the reach of the fingerprint rule.
	far bool
}

// evCopies returns three syndicated copies of evStory as a site's
// extractor might leave them when it keeps the site's own lines.
func evCopies() []evCopy {
	s := evStory
	join := func(ps ...string) string { return strings.Join(ps, "\n\n") }
	return []evCopy{
		{name: "dateline and credit",
			text: join(append(append([]string{"HONG KONG, March 13 (Victoria Wire) - " + s[0]}, s[1:]...),
				"Reporting by Kelly Wong in Hong Kong; Editing by Ravi Menon")...)},
		{name: "teaser, last paragraph cut", far: true,
			text: join(append([]string{
				"Carmakers' shares surged on news of extended subsidies. Analysts say the move removes a big risk for the sector, but questions remain about how long Beijing can keep paying buyers to switch to electric cars."},
				s[:len(s)-1]...)...)},
		{name: "own first sentence, related lines, editor, copyright", far: true,
			text: join(
				"Hong Kong-listed carmakers surged on Thursday when Beijing extended and widened its trade-in subsidies for cars into next year, calming fears that weaker home demand would make the price war worse.",
				s[1], s[2], "Related: BYD cuts prices on five models", s[3], s[4],
				"Related: Lithium prices sink to four-year low", s[5], s[6],
				"(Web editor: Chen Xi, Lam Wing)", "Copyright © 2025 Asia Tech Tribune. All rights reserved.")},
	}
}

// evArticle returns an unsaved article with the given text, published
// after hours on 13 March 2025 HKT.
func evArticle(u, text string, after time.Duration) *sectorpulse.Article {
	published := time.Date(2025, 3, 13, 16, 30, 0, 0, hkt()).Add(after)
	return &sectorpulse.Article{URL: u, Source: "test", Title: "Chinese EV makers rally on subsidy extension",
		PublishedAt: published, FetchedAt: published.Add(5 * time.Minute).UTC(), Text: text}
}

func TestSyndicatedCopyLinked(t *testing.T) {
	original := strings.Join(evStory, "\n\n")
	teaser := evCopies()[1]
	type test struct {
		name  string
		text  string
		after time.Duration // published after the original
		far   bool          // see evCopy.far
		fp    func(orig uint64) uint64
		want  bool
	}
	var tests []test
	for _, c := range evCopies() {
		tests = append(tests, test{name: c.name, text: c.text, after: 20 * time.Minute, far: c.far, want: true})
	}
	tests = append(tests,
		test{name: "different story on the same companies and day", text: strings.Join(evOtherStory, "\n\n"), after: time.Hour},
		// Its text is what tells it apart, not its fingerprint.
		test{name: "different story with a fingerprint within SyndicationDistance", text: strings.Join(evOtherStory, "\n\n"), after: time.Hour,
			fp: func(orig uint64) uint64 { return orig ^ (1<<sectorpulse.SyndicationDistance - 1) }},
		test{name: "copy published two days later", text: teaser.text, after: 48 * time.Hour, far: true, want: true},
		test{name: "copy published two days earlier", text: teaser.text, after: -48 * time.Hour, far: true, want: true},
		test{name: "copy published four days later", text: teaser.text, after: 96 * time.Hour, far: true},
		test{name: "copy whose fingerprint is too far", text: teaser.text, after: time.Hour, far: true,
			fp: func(orig uint64) uint64 { return orig ^ (1<<(sectorpulse.SyndicationDistance+1) - 1) }},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			a := evArticle("https://victoriawire.example/ev", original, 0)
			mustSave(t, db, a)
			mustSave(t, db, newArticle(1)) // an unrelated article in between
			b := evArticle("https://copies.example/ev", tt.text, tt.after)
			if tt.fp != nil {
				b.Fingerprint = tt.fp(a.Fingerprint)
			}
			d := sectorpulse.HammingDistance(a.Fingerprint, sectorpulse.SimHash(tt.text))
			t.Logf("hamming %d, containment %.3f", d, sectorpulse.Containment(original, tt.text))
			if tt.far && d <= sectorpulse.NearDuplicateDistance {
				t.Fatalf("setup: the copy is only %d bits from the original", d)
			}
			mustSave(t, db, b)
			want := int64(0)
			if tt.want {
				want = a.ID
			}
			if b.DuplicateOf != want {
				t.Errorf("DuplicateOf: got %d, want %d", b.DuplicateOf, want)
			}
			var stored sql.NullInt64
			if err := db.read.QueryRow(`SELECT duplicate_of FROM articles WHERE id = ?`, b.ID).Scan(&stored); err != nil {
				t.Fatal(err)
			}
			if stored.Int64 != want {
				t.Errorf("stored duplicate_of: got %v, want %d", stored, want)
			}
		})
	}
}

// TestSyndicatedCopiesPointAtFirst saves the story and its copies in every
// order: each must point at whichever was stored first.
func TestSyndicatedCopiesPointAtFirst(t *testing.T) {
	texts := []string{strings.Join(evStory, "\n\n")}
	for _, c := range evCopies() {
		texts = append(texts, c.text)
	}
	for _, order := range permutations(len(texts)) {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			db := openTest(t)
			var first int64
			for i, k := range order {
				a := evArticle(fmt.Sprintf("https://site%d.example/ev", k), texts[k], time.Duration(i)*time.Hour)
				mustSave(t, db, a)
				if i == 0 {
					first = a.ID
					if a.DuplicateOf != 0 {
						t.Errorf("text %d, stored first: DuplicateOf %d, want 0", k, a.DuplicateOf)
					}
				} else if a.DuplicateOf != first {
					t.Errorf("text %d: DuplicateOf got %d, want %d", k, a.DuplicateOf, first)
				}
			}
		})
	}
}

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestExactCopyStillContentDuplicate checks that a copy with the same text
// in another style is still refused as a content duplicate, not stored as
// a syndicated copy.
func TestExactCopyStillContentDuplicate(t *testing.T) {
	db := openTest(t)
	original := strings.Join(evStory, "\n\n")
	a := evArticle("https://victoriawire.example/ev", original, 0)
	mustSave(t, db, a)
	restyled := strings.ReplaceAll(strings.ToUpper(original), "\"", "\u201c")
	res, err := db.SaveArticle(context.Background(), evArticle("https://mirror.example/ev", restyled, time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != StatusDuplicateContent || res.ID != a.ID || res.DuplicateOf != 0 {
		t.Errorf("got %+v, want status %s, ID %d, no DuplicateOf", res, StatusDuplicateContent, a.ID)
	}
	if got := counts(t, db).Articles; got != 1 {
		t.Errorf("articles: got %d, want 1", got)
	}
}

// BenchmarkSaveArticleSyndicationScan measures SaveArticle of a new
// article that has no copy stored, with 5000 articles stored before it.
// In the worst cases they were all published within the hour before, so
// all are in the syndication window: "distinct" stories have unrelated
// wording, so few fingerprints come within sectorpulse.SyndicationDistance;
// "lookalike" ones share a market-report template (marketText), so that
// syndicationCandidates texts are read and compared per save. In
// "distinct, 30 days" they span a month, and the window (three days
// before the new article, none after) holds a tenth of them.
func BenchmarkSaveArticleSyndicationScan(b *testing.B) {
	for _, bm := range []struct {
		name string
		span time.Duration
		text func(seed uint64) string
	}{
		{"distinct", time.Hour, distinctText},
		{"lookalike", time.Hour, marketText},
		{"distinct, 30 days", 30 * 24 * time.Hour, distinctText},
	} {
		b.Run(bm.name, func(b *testing.B) {
			ctx := context.Background()
			db := openTest(b)
			published := time.Date(2025, 3, 3, 9, 0, 0, 0, hkt())
			fillArticles(b, db, nearDuplicateWindow, published, bm.span, bm.text)
			seed := uint64(1 << 32)
			for b.Loop() {
				b.StopTimer()
				seed++
				a := &sectorpulse.Article{URL: fmt.Sprintf("https://bench.example/new/%d", seed), Source: "bench",
					PublishedAt: published, FetchedAt: published.Add(time.Hour), Text: bm.text(seed)}
				b.StartTimer()
				res, err := db.SaveArticle(ctx, a)
				if err != nil {
					b.Fatal(err)
				}
				if res.DuplicateOf != 0 {
					b.Fatalf("article %d linked to %d", seed, res.DuplicateOf)
				}
			}
		})
	}
}

// distinctText returns a market report of about 400 words drawn from seed,
// so that reports of different seeds share little wording.
func distinctText(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed^0xd15c))
	words := strings.Fields(strings.Join(evStory, " ") + " " + strings.Join(evOtherStory, " "))
	var b strings.Builder
	for i := range 400 {
		b.WriteString(words[r.IntN(len(words))])
		if i%40 == 39 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// fillArticles stores n articles with texts drawn by text, published
// evenly over the span before published, in one transaction.
func fillArticles(tb testing.TB, db *DB, n int, published time.Time, span time.Duration, text func(seed uint64) string) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for i := range n {
		at := published.Add(-span + time.Duration(i)*span/time.Duration(n))
		a := &sectorpulse.Article{URL: fmt.Sprintf("https://bench.example/old/%d", i), Source: "bench",
			PublishedAt: at, FetchedAt: at, Text: text(uint64(i))}
		if err := prepareArticle(a); err != nil {
			tb.Fatal(err)
		}
		sourceID, err := upsertSource(ctx, tx, a.Source, a.FetchedAt)
		if err != nil {
			tb.Fatal(err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO articles (source_id, url, canonical_url, published_at, published_utc,
				fetched_at, text, words, content_hash, fingerprint)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sourceID, a.URL, a.CanonicalURL, a.PublishedAt.Format(time.RFC3339Nano), formatTime(a.PublishedAt),
			formatTime(a.FetchedAt), a.Text, a.Words(), a.ContentHash, int64(a.Fingerprint))
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}
