package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

func TestSaveArticle(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	story := readFixture(t, "chip_rally.txt")
	update := readFixture(t, "chip_rally_update.txt")
	if d := sectorpulse.HammingDistance(sectorpulse.SimHash(story), sectorpulse.SimHash(update)); d > sectorpulse.NearDuplicateDistance {
		t.Fatalf("fixture distance %d > %d: chip_rally_update.txt is not a near-duplicate", d, sectorpulse.NearDuplicateDistance)
	}
	published := time.Date(2025, 3, 4, 16, 20, 0, 0, hkt())
	article := func(u, canonical, text string) *sectorpulse.Article {
		return &sectorpulse.Article{URL: u, CanonicalURL: canonical, Source: "example-wire",
			Title: "Hong Kong stocks close higher", PublishedAt: published,
			FetchedAt: published.Add(time.Hour).UTC(), Text: text}
	}
	// A copy of the story with other line breaks, spacing and case.
	restyled := strings.ToUpper(strings.ReplaceAll(story, "\n\n", "\n  \n\t"))

	tests := []struct {
		name    string
		a       *sectorpulse.Article
		status  SaveStatus
		id      int64 // want SaveResult.ID; 0 = a new id
		dupOf   int64
		article int // want articles count afterwards
	}{
		{name: "new", a: article("https://wire.example.com/a?ref=rss", "https://wire.example.com/a", story),
			status: StatusNew, article: 1},
		{name: "same canonical URL", a: article("https://m.wire.example.com/a", "https://wire.example.com/a", "other text"),
			status: StatusDuplicateURL, id: 1, article: 1},
		{name: "same URL, no canonical", a: article("https://wire.example.com/a?ref=rss", "", "other text again"),
			status: StatusDuplicateURL, id: 1, article: 1},
		{name: "canonical equals a stored URL", a: article("https://x.example.com/b", "https://wire.example.com/a?ref=rss", "third text"),
			status: StatusDuplicateURL, id: 1, article: 1},
		{name: "same content restyled", a: article("https://mirror.example.net/story", "", restyled),
			status: StatusDuplicateContent, id: 1, article: 1},
		{name: "near duplicate", a: article("https://wire.example.com/a-updated", "", update),
			status: StatusNew, dupOf: 1, article: 2},
		{name: "unrelated", a: article("https://wire.example.com/c", "", marketText(7)),
			status: StatusNew, article: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := db.SaveArticle(ctx, tt.a)
			if err != nil {
				t.Fatalf("SaveArticle: %v", err)
			}
			if res.Status != tt.status {
				t.Errorf("status: got %s, want %s", res.Status, tt.status)
			}
			if tt.id != 0 && res.ID != tt.id {
				t.Errorf("ID: got %d, want %d", res.ID, tt.id)
			}
			if res.ID == 0 || tt.a.ID != res.ID {
				t.Errorf("a.ID = %d, result ID = %d: want equal and non-zero", tt.a.ID, res.ID)
			}
			if res.DuplicateOf != tt.dupOf || tt.a.DuplicateOf != tt.dupOf {
				t.Errorf("DuplicateOf: got result %d article %d, want %d", res.DuplicateOf, tt.a.DuplicateOf, tt.dupOf)
			}
			if got := counts(t, db).Articles; got != tt.article {
				t.Errorf("articles: got %d, want %d", got, tt.article)
			}
		})
	}
	if got := counts(t, db).Sources; got != 1 {
		t.Errorf("sources: got %d, want 1", got)
	}
}

func TestSaveArticleRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	undated := newArticle(2)
	undated.PublishedAt = time.Time{}
	undated.Fingerprint, undated.ContentHash = 0, "" // the store fills them
	mustSave(t, db, a)
	mustSave(t, db, undated)

	var utc *string
	if err := db.read.QueryRow(`SELECT published_utc FROM articles WHERE id = ?`, undated.ID).Scan(&utc); err != nil {
		t.Fatal(err)
	}
	if utc != nil {
		t.Errorf("published_utc of an undated article = %q, want NULL", *utc)
	}
	if err := db.read.QueryRow(`SELECT published_utc FROM articles WHERE id = ?`, a.ID).Scan(&utc); err != nil {
		t.Fatal(err)
	}
	if want := "2025-03-03T02:00:00.000000000Z"; utc == nil || *utc != want {
		t.Errorf("published_utc = %v, want %s", utc, want)
	}

	got, err := db.PendingArticles(ctx, PendingFilter{Analyzer: "lexicon"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d articles, want 2", len(got))
	}
	g := got[0]
	if !g.PublishedAt.Equal(a.PublishedAt) {
		t.Errorf("PublishedAt: got %v, want %v", g.PublishedAt, a.PublishedAt)
	}
	if _, off := g.PublishedAt.Zone(); off != 8*3600 {
		t.Errorf("PublishedAt offset: got %d s, want %d s (original kept)", off, 8*3600)
	}
	if !g.FetchedAt.Equal(a.FetchedAt) {
		t.Errorf("FetchedAt: got %v, want %v", g.FetchedAt, a.FetchedAt)
	}
	if g.URL != a.URL || g.CanonicalURL != a.CanonicalURL || g.Source != a.Source || g.Title != a.Title ||
		g.Byline != a.Byline || g.Language != a.Language || g.Text != a.Text || g.ContentHash != a.ContentHash {
		t.Errorf("round trip: got %+v, want %+v", g, a)
	}
	if g.Fingerprint != a.Fingerprint {
		t.Errorf("Fingerprint: got %x, want %x", g.Fingerprint, a.Fingerprint)
	}
	if u := got[1]; !u.PublishedAt.IsZero() || u.Fingerprint != sectorpulse.SimHash(u.Text) ||
		u.ContentHash != sectorpulse.ContentHash(u.Text) {
		t.Errorf("undated article: PublishedAt %v, fingerprint %x, hash %s; want zero time and values derived from the text",
			u.PublishedAt, u.Fingerprint, u.ContentHash)
	}
}

func TestNearDuplicateByFingerprint(t *testing.T) {
	const base = uint64(1)<<63 | 0x0123_4567_89ab_cdef // high bit set: stored as a negative int64
	bits := func(ns ...int) uint64 {
		var m uint64
		for _, n := range ns {
			m |= 1 << n
		}
		return m
	}
	tests := []struct {
		name string
		flip uint64 // bits in which the second fingerprint differs
		dup  bool
	}{
		{"identical fingerprint", 0, true},
		{"one bit, top band", bits(63), true},
		{"three bits in three bands, only the top band agrees", bits(0, 16, 32), true},
		{"three bits in three bands, only the bottom band agrees", bits(17, 33, 63), true},
		{"three bits in one band", bits(1, 2, 3), true},
		{"four bits, one per band", bits(0, 16, 32, 48), false},
		{"four bits in one band", bits(40, 41, 42, 43), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			a := newArticle(1)
			a.Fingerprint = base
			mustSave(t, db, a)
			mustSave(t, db, newArticle(2)) // an unrelated article in between
			b := newArticle(3)
			b.Fingerprint = base ^ tt.flip
			mustSave(t, db, b)
			want := int64(0)
			if tt.dup {
				want = a.ID
			}
			if b.DuplicateOf != want {
				t.Errorf("DuplicateOf: got %d, want %d", b.DuplicateOf, want)
			}
		})
	}
}

func TestNearDuplicatePointsAtOriginal(t *testing.T) {
	db := openTest(t)
	a, b, c := newArticle(1), newArticle(2), newArticle(3)
	b.Fingerprint = a.Fingerprint ^ 1
	c.Fingerprint = b.Fingerprint ^ 2
	for _, x := range []*sectorpulse.Article{a, b, c} {
		mustSave(t, db, x)
	}
	if b.DuplicateOf != a.ID || c.DuplicateOf != a.ID {
		t.Errorf("DuplicateOf: got b→%d c→%d, want both →%d", b.DuplicateOf, c.DuplicateOf, a.ID)
	}
}

func TestSaveArticleRejects(t *testing.T) {
	db := openTest(t)
	tests := []struct {
		name string
		a    *sectorpulse.Article
		want string
	}{
		{name: "no URL", a: &sectorpulse.Article{Title: "Orphan", FetchedAt: time.Now(), Text: "x"}, want: "no URL"},
		{name: "no fetched time", a: &sectorpulse.Article{URL: "https://wire.example.com/z", Text: "x"}, want: "fetched time is zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.SaveArticle(context.Background(), tt.a)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if got := counts(t, db).Articles; got != 0 {
		t.Errorf("articles = %d, want 0", got)
	}
}

func TestKnownURL(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	tests := []struct {
		url  string
		want bool
	}{
		{a.URL, true},
		{a.CanonicalURL, true},
		{"https://news.example.com/markets/2", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got, err := db.KnownURL(ctx, tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("KnownURL(%s): got %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}
