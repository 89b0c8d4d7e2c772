package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/store"
)

// ErrNothingToCompare is returned by Compare when one of the two analyzers
// has no analyses of the selected articles.
var ErrNothingToCompare = errors.New("nothing to compare")

// CompareStore is what Compare needs of the database; *store.DB implements
// it.
type CompareStore interface {
	EachAnalysis(ctx context.Context, f store.ExportFilter, fn func(store.AnalysisRow) error) error
	EachMention(ctx context.Context, f store.ExportFilter, fn func(store.MentionRow) error) error
	EachSectorScore(ctx context.Context, f store.ExportFilter, fn func(store.SectorRow) error) error
}

var _ CompareStore = (*store.DB)(nil)

// Agreement is how two analyzers agree over n paired scores. It holds no
// NaN: a statistic that is undefined is zero with its Defined flag false.
type Agreement struct {
	// Key is "" for a pooled row, else the entity name or sector id.
	Key string
	// N counts the pairs scored by both analyzers.
	N int
	// Agree is the share of pairs with the same label
	// (sectorpulse.LabelFor); zero when N is zero.
	Agree float64
	// Kappa is Cohen's kappa over the three labels. KappaDefined is false
	// when N is zero or the expected agreement is 1 (both analyzers gave
	// one and the same label to every pair).
	Kappa        float64
	KappaDefined bool
	// R is Pearson's correlation of the sentiment scores. RDefined is false
	// when N < 3 or either side's scores are all equal.
	R        float64
	RDefined bool
	// MeanA and MeanB are the mean sentiments of each side; zero when N is
	// zero.
	MeanA, MeanB float64
}

// Comparison is how analyzer A agrees with analyzer B over the same
// articles.
type Comparison struct {
	// A and B name the analyzers.
	A, B string
	// Articles compares the overall sentiment of the articles both
	// analysed.
	Articles Agreement
	// Entities and Sectors pool every entity and every sector pair.
	Entities, Sectors Agreement
	// ByEntity and BySector break the pairs down by entity name and sector
	// id, sorted by N (descending) then key.
	ByEntity, BySector []Agreement
}

// Compare pairs the latest analyses of analyzers a and b of the articles f
// selects (f.Analyzer is ignored) and measures their agreement. Articles
// pair when both analysed them; entities when both mentioned the same name
// (ignoring case) in the same article; sectors when both scored the same
// sector id in the same article. Several mentions of one entity (or scores
// of one sector) by one analyzer in one article count as their mean. It
// returns an error wrapping ErrNothingToCompare when a or b has no
// analyses at all.
func Compare(ctx context.Context, st CompareStore, a, b string, f store.ExportFilter) (*Comparison, error) {
	if a == "" || b == "" {
		return nil, fmt.Errorf("compare %q with %q: analyzer name is empty", a, b)
	}
	if a == b {
		return nil, fmt.Errorf("compare %s with itself: want two different analyzers", a)
	}
	wrap := func(err error) error { return fmt.Errorf("compare %s with %s: %w", a, b, err) }
	var (
		articles [2]map[int64]float64
		entities [2]map[pairKey]*meanOf
		sectors  [2]map[pairKey]*meanOf
	)
	names := map[string]string{} // folded entity name → name as a first gave it
	for i, name := range []string{a, b} {
		g := f
		g.Analyzer = name
		articles[i] = map[int64]float64{}
		err := st.EachAnalysis(ctx, g, func(r store.AnalysisRow) error {
			articles[i][r.ArticleID] = r.Sentiment
			return nil
		})
		if err != nil {
			return nil, wrap(err)
		}
		if len(articles[i]) == 0 {
			return nil, wrap(fmt.Errorf("no analyses by %s: %w", name, ErrNothingToCompare))
		}
	}
	for i, name := range []string{a, b} {
		g := f
		g.Analyzer = name
		entities[i] = map[pairKey]*meanOf{}
		err := st.EachMention(ctx, g, func(r store.MentionRow) error {
			k := strings.ToLower(r.Entity)
			if _, ok := names[k]; !ok && i == 0 {
				names[k] = r.Entity
			}
			addMean(entities[i], pairKey{r.ArticleID, k}, r.Sentiment)
			return nil
		})
		if err != nil {
			return nil, wrap(err)
		}
		sectors[i] = map[pairKey]*meanOf{}
		err = st.EachSectorScore(ctx, g, func(r store.SectorRow) error {
			addMean(sectors[i], pairKey{r.ArticleID, r.Sector}, r.Sentiment)
			return nil
		})
		if err != nil {
			return nil, wrap(err)
		}
	}

	c := &Comparison{A: a, B: b}
	var ids []int64
	for id := range articles[0] {
		if _, ok := articles[1][id]; ok {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	ps := make([]scorePair, len(ids))
	for i, id := range ids {
		ps[i] = scorePair{articles[0][id], articles[1][id]}
	}
	c.Articles = agreement("", ps)

	var all []scorePair
	all, c.ByEntity = pairUp(entities[0], entities[1])
	c.Entities = agreement("", all)
	for i := range c.ByEntity {
		c.ByEntity[i].Key = names[c.ByEntity[i].Key]
	}
	all, c.BySector = pairUp(sectors[0], sectors[1])
	c.Sectors = agreement("", all)
	return c, nil
}

// pairKey is a score's article and entity (folded) or sector.
type pairKey struct {
	article int64
	key     string
}

// meanOf accumulates a mean.
type meanOf struct {
	sum float64
	n   int
}

func (m *meanOf) mean() float64 { return m.sum / float64(m.n) }

// addMean adds v to the mean of k in m.
func addMean(m map[pairKey]*meanOf, k pairKey, v float64) {
	acc := m[k]
	if acc == nil {
		acc = &meanOf{}
		m[k] = acc
	}
	acc.sum += v
	acc.n++
}

// scorePair is one item's sentiment by analyzer A and by analyzer B.
type scorePair struct{ a, b float64 }

// pairUp pairs the keys of x and y present in both, in article then key
// order, and returns all pairs and the agreement per key, sorted by N
// descending then key.
func pairUp(x, y map[pairKey]*meanOf) ([]scorePair, []Agreement) {
	var keys []pairKey
	for k := range x {
		if _, ok := y[k]; ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].article != keys[j].article {
			return keys[i].article < keys[j].article
		}
		return keys[i].key < keys[j].key
	})
	all := make([]scorePair, len(keys))
	by := map[string][]scorePair{}
	for i, k := range keys {
		all[i] = scorePair{x[k].mean(), y[k].mean()}
		by[k.key] = append(by[k.key], all[i])
	}
	out := make([]Agreement, 0, len(by))
	for k, ps := range by {
		out = append(out, agreement(k, ps))
	}
	sortAgreements(out)
	return all, out
}

// sortAgreements sorts by N descending then key.
func sortAgreements(as []Agreement) {
	sort.Slice(as, func(i, j int) bool {
		if as[i].N != as[j].N {
			return as[i].N > as[j].N
		}
		return as[i].Key < as[j].Key
	})
}

// agreement measures the agreement of the pairs ps.
func agreement(key string, ps []scorePair) Agreement {
	ag := Agreement{Key: key, N: len(ps)}
	if len(ps) == 0 {
		return ag
	}
	var conf [3][3]int
	xs := make([]float64, len(ps))
	ys := make([]float64, len(ps))
	for i, p := range ps {
		conf[labelIndex(p.a)][labelIndex(p.b)]++
		xs[i], ys[i] = p.a, p.b
		ag.MeanA += p.a
		ag.MeanB += p.b
	}
	ag.MeanA /= float64(len(ps))
	ag.MeanB /= float64(len(ps))
	ag.Agree, ag.Kappa, ag.KappaDefined = cohenKappa(conf)
	ag.R, ag.RDefined = pearson(xs, ys)
	return ag
}

// labelIndex returns the row (or column) of a score's label in a
// confusion table: negative, neutral, positive.
func labelIndex(s float64) int {
	switch sectorpulse.LabelFor(s) {
	case sectorpulse.LabelNegative:
		return 0
	case sectorpulse.LabelNeutral:
		return 1
	default:
		return 2
	}
}

// cohenKappa returns the observed agreement and Cohen's kappa of a
// confusion table (rows A's labels, columns B's); ok is false when kappa is
// undefined: an empty table, or an expected agreement of 1. With N pairs,
// d on the diagonal and S the sum over labels of row total × column total,
// kappa = (po − pe)/(1 − pe) = (N·d − S)/(N² − S), computed from the
// integer counts so that perfect agreement is exactly 1.
func cohenKappa(conf [3][3]int) (agree, kappa float64, ok bool) {
	var n, d, s int64
	var rows, cols [3]int64
	for i := range conf {
		for j, c := range conf[i] {
			n += int64(c)
			rows[i] += int64(c)
			cols[j] += int64(c)
		}
		d += int64(conf[i][i])
	}
	if n == 0 {
		return 0, 0, false
	}
	for i := range rows {
		s += rows[i] * cols[i]
	}
	agree = float64(d) / float64(n)
	if n*n == s {
		return agree, 0, false
	}
	return agree, float64(n*d-s) / float64(n*n-s), true
}

// pearson returns Pearson's r of x and y, clamped to [-1, 1]; ok is false
// when there are fewer than three pairs or either side is constant.
func pearson(x, y []float64) (r float64, ok bool) {
	if len(x) < 3 || len(x) != len(y) || constant(x) || constant(y) {
		return 0, false
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx <= 0 || syy <= 0 {
		return 0, false
	}
	r = sxy / math.Sqrt(sxx*syy)
	return math.Max(-1, math.Min(1, r)), true
}

// constant reports whether every value of x is the same.
func constant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

// compareColumns are the columns of a comparison in csv and jsonl.
var compareColumns = []string{"scope", "key", "n", "agree", "kappa", "r", "mean_a", "mean_b", "analyzer_a", "analyzer_b"}

// WriteComparison writes c to w as "table" (aligned text, the default when
// format is ""), "csv" or "jsonl". In csv and jsonl each agreement is a row
// with the columns scope, key, n, agree, kappa, r, mean_a, mean_b,
// analyzer_a and analyzer_b; scope is "articles", "entities" or "sectors"
// for the pooled rows (key empty) and "entity" or "sector" for the rows by
// key. Agreement and means are rounded to four decimals and kappa and r to
// six significant digits, as in the exports; undefined values are empty
// (csv) or null (jsonl).
func WriteComparison(w io.Writer, c *Comparison, format string) error {
	switch format {
	case "table", "":
		return writeComparisonTable(w, c)
	case FormatCSV, FormatJSONL:
	default:
		return fmt.Errorf("unknown format %q (want table, csv or jsonl)", format)
	}
	enc, err := NewRowEncoder(w, format)
	if err != nil {
		return err
	}
	if err := enc.WriteHeader(compareColumns); err != nil {
		return err
	}
	row := func(scope string, ag Agreement) error {
		var kappa, r any
		if ag.KappaDefined {
			kappa = sig6(ag.Kappa)
		}
		if ag.RDefined {
			r = sig6(ag.R)
		}
		var agree, meanA, meanB any
		if ag.N > 0 {
			agree, meanA, meanB = round4(ag.Agree), round4(ag.MeanA), round4(ag.MeanB)
		}
		return enc.WriteRow([]any{scope, ag.Key, ag.N, agree, kappa, r, meanA, meanB, c.A, c.B})
	}
	for _, s := range comparisonSections(c) {
		for _, ag := range s.rows {
			if err := row(s.scope, ag); err != nil {
				return err
			}
		}
	}
	return enc.Flush()
}

// comparisonSection is one block of a comparison's output.
type comparisonSection struct {
	scope, title string
	rows         []Agreement
}

// comparisonSections returns c's sections in output order.
func comparisonSections(c *Comparison) []comparisonSection {
	return []comparisonSection{
		{"articles", "articles", []Agreement{c.Articles}},
		{"entities", "entities (pooled)", []Agreement{c.Entities}},
		{"sectors", "sectors (pooled)", []Agreement{c.Sectors}},
		{"entity", "entity", c.ByEntity},
		{"sector", "sector", c.BySector},
	}
}

// writeComparisonTable writes c as aligned text: a line naming the
// analyzers, then per section a header line (the section's name and the
// columns) and its rows, undefined values shown as "-".
func writeComparisonTable(w io.Writer, c *Comparison) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "a = %s, b = %s\n", c.A, c.B)
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	num := func(v float64, ok bool) string {
		if !ok {
			return "-"
		}
		return fmt.Sprintf("%.3f", v)
	}
	for _, s := range comparisonSections(c) {
		// Blank separators carry the tabs so that every section shares
		// one alignment; the padding they get is trimmed below.
		fmt.Fprint(tw, "\t\t\t\t\t\t\n")
		fmt.Fprintf(tw, "%s\tn\tagree\tkappa\tr\tmean_a\tmean_b\n", s.title)
		for _, ag := range s.rows {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", ag.Key, ag.N, num(ag.Agree, ag.N > 0),
				num(ag.Kappa, ag.KappaDefined), num(ag.R, ag.RDefined), num(ag.MeanA, ag.N > 0), num(ag.MeanB, ag.N > 0))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var out strings.Builder
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line == "" {
			continue
		}
		out.WriteString(strings.TrimRight(line, " \n"))
		out.WriteByte('\n')
	}
	_, err := io.WriteString(w, out.String())
	return err
}
