package market

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// gDate returns the i-th synthetic trading date (every calendar day counts;
// only the order matters).
func gDate(i int) string {
	return time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(dateLayout)
}

// gReturns returns log returns on gDate(0) … gDate(len(v)-1).
func gReturns(v []float64) []Return {
	out := make([]Return, len(v))
	for i, r := range v {
		out[i] = Return{Date: gDate(i), Close: 20000, LogReturn: r}
	}
	return out
}

// gSentiment returns the sector's sentiment v[i] on gDate(i) for every i
// not listed in skip.
func gSentiment(sector string, v []float64, skip ...int) []DailySector {
	var out []DailySector
	for i, s := range v {
		if containsInt(skip, i) {
			continue
		}
		out = append(out, DailySector{TradingDate: gDate(i), Sector: sector, Analyzer: "lexicon", Sentiment: s, Articles: 3, Mentions: 4})
	}
	return out
}

func containsInt(v []int, x int) bool {
	for _, y := range v {
		if y == x {
			return true
		}
	}
	return false
}

// closeTo reports whether got is within rel·max(1, |want|) of want, NaN
// matching NaN.
func closeTo(got, want, rel float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

// det3 is the determinant of a 3×3 matrix.
func det3(m [3][3]float64) float64 {
	return m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
}

// cramerRSS3 fits y = b0 + b1·u + b2·v through the normal equations solved
// by Cramer's rule and returns the residual sum of squares.
func cramerRSS3(u, v, y []float64) float64 {
	var a [3][3]float64
	var b [3]float64
	for i := range y {
		row := [3]float64{1, u[i], v[i]}
		for j := range 3 {
			for k := range 3 {
				a[j][k] += row[j] * row[k]
			}
			b[j] += row[j] * y[i]
		}
	}
	d := det3(a)
	var beta [3]float64
	for j := range 3 {
		m := a
		for k := range 3 {
			m[k][j] = b[k]
		}
		beta[j] = det3(m) / d
	}
	var rss float64
	for i := range y {
		e := y[i] - beta[0] - beta[1]*u[i] - beta[2]*v[i]
		rss += e * e
	}
	return rss
}

// cramerRSS2 fits y = b0 + b1·u by Cramer's rule and returns the residual
// sum of squares.
func cramerRSS2(u, y []float64) float64 {
	n := float64(len(y))
	var su, suu, sy, suy float64
	for i := range y {
		su += u[i]
		suu += u[i] * u[i]
		sy += y[i]
		suy += u[i] * y[i]
	}
	d := n*suu - su*su
	b0 := (sy*suu - su*suy) / d
	b1 := (n*suy - su*sy) / d
	var rss float64
	for i := range y {
		e := y[i] - b0 - b1*u[i]
		rss += e * e
	}
	return rss
}

// refRSS fits y on the columns of x (rows of x are observations) through
// the normal equations solved by Gauss-Jordan elimination with partial
// pivoting, and returns the residual sum of squares.
func refRSS(x [][]float64, y []float64) float64 {
	k := len(x[0])
	a := make([][]float64, k)
	for j := range a {
		a[j] = make([]float64, k+1)
		for i := range x {
			for l := range k {
				a[j][l] += x[i][j] * x[i][l]
			}
			a[j][k] += x[i][j] * y[i]
		}
	}
	for c := range k {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := range k {
			if r == c {
				continue
			}
			f := a[r][c] / a[c][c]
			for l := c; l <= k; l++ {
				a[r][l] -= f * a[c][l]
			}
		}
	}
	var rss float64
	for i := range x {
		e := y[i]
		for j := range k {
			e -= x[i][j] * a[j][k] / a[j][j]
		}
		rss += e * e
	}
	return rss
}

// refGranger computes, independently of Granger, the lag order by AIC, F
// and AIC for "x Granger-causes y" on the given rows.
func refGranger(y, x []float64, rows []int, maxLag int) (lag int, f, aic float64) {
	n := len(rows)
	yv := make([]float64, n)
	for i, t := range rows {
		yv[i] = y[t]
	}
	design := func(p int, withX bool) [][]float64 {
		d := make([][]float64, n)
		for i, t := range rows {
			d[i] = []float64{1}
			for l := 1; l <= p; l++ {
				d[i] = append(d[i], y[t-l])
			}
			if withX {
				for l := 1; l <= p; l++ {
					d[i] = append(d[i], x[t-l])
				}
			}
		}
		return d
	}
	aic = math.Inf(1)
	var rssU float64
	for p := 1; p <= maxLag && n-2*p-1 >= 1; p++ {
		rss := refRSS(design(p, true), yv)
		if a := float64(n)*math.Log(rss/float64(n)) + 2*float64(2*p+1); a < aic {
			lag, aic, rssU = p, a, rss
		}
	}
	rssR := refRSS(design(lag, false), yv)
	f = ((rssR - rssU) / float64(lag)) / (rssU / float64(n-2*lag-1))
	return lag, f, aic
}

// evenDFStudentTail is P(|T| > t) for Student's t with an even number nu of
// degrees of freedom, by the finite series of Abramowitz and Stegun 26.7.4,
// or with nu = 1 (Cauchy), independent of gonum.
func evenDFStudentTail(t float64, nu int) float64 {
	theta := math.Atan(math.Abs(t) / math.Sqrt(float64(nu)))
	if nu == 1 {
		return 1 - 2*theta/math.Pi
	}
	if nu%2 != 0 {
		panic("evenDFStudentTail: odd nu")
	}
	c2 := math.Cos(theta) * math.Cos(theta)
	term, sum := 1.0, 1.0
	for k := 2; k <= nu-2; k += 2 {
		term *= float64(k-1) / float64(k) * c2
		sum += term
	}
	return 1 - math.Sin(theta)*sum
}

func findGranger(t *testing.T, gs []GrangerResult, sector, dir string) GrangerResult {
	t.Helper()
	for _, g := range gs {
		if g.Sector == sector && g.Direction == dir {
			return g
		}
	}
	t.Fatalf("no Granger result for %s %s in %+v", sector, dir, gs)
	return GrangerResult{}
}

// TestGrangerMatchesNormalEquations checks F, p and AIC at lag 1 on a
// 10-day series against regressions solved by hand with Cramer's rule.
func TestGrangerMatchesNormalEquations(t *testing.T) {
	ret := []float64{0.012, -0.008, 0.005, 0.021, -0.015, 0.003, -0.002, 0.017, -0.011, 0.006}
	sent := []float64{0.40, -0.10, 0.25, 0.60, -0.35, 0.05, 0.10, 0.45, -0.20, 0.30}
	got, err := Granger(gSentiment("tech.ai", sent), gReturns(ret), GrangerOptions{Index: "HSI", MaxLag: 1, MinN: 5})
	if err != nil {
		t.Fatal(err)
	}
	// Rows t = 1…9: n = 9, df = (1, 9 − 2 − 1 = 6).
	tests := []struct {
		dir  string
		y, x []float64
	}{
		{GrangerSentimentToReturns, ret, sent},
		{GrangerReturnsToSentiment, sent, ret},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			y, ylag, xlag := tt.y[1:], tt.y[:9], tt.x[:9]
			rssU := cramerRSS3(ylag, xlag, y)
			rssR := cramerRSS2(ylag, y)
			wantF := (rssR - rssU) / (rssU / 6)
			// F(1, 6) is the square of t(6).
			wantP := evenDFStudentTail(math.Sqrt(wantF), 6)
			wantAIC := 9*math.Log(rssU/9) + 2*3
			g := findGranger(t, got, "tech.ai", tt.dir)
			if g.N != 9 || g.Lag != 1 || g.DF1 != 1 || g.DF2 != 6 {
				t.Errorf("got n=%d lag=%d df=(%d,%d), want n=9 lag=1 df=(1,6)", g.N, g.Lag, g.DF1, g.DF2)
			}
			if !closeTo(g.F, wantF, 1e-8) || !closeTo(g.P, wantP, 1e-8) || !closeTo(g.AIC, wantAIC, 1e-8) {
				t.Errorf("got F=%v p=%v AIC=%v, want F=%v p=%v AIC=%v", g.F, g.P, g.AIC, wantF, wantP, wantAIC)
			}
			if g.Index != "HSI" || g.From != gDate(1) || g.To != gDate(9) || g.Note != "" {
				t.Errorf("got index %q from %s to %s note %q, want HSI %s %s no note", g.Index, g.From, g.To, g.Note, gDate(1), gDate(9))
			}
		})
	}
}

// TestGrangerStrongDependency checks that y_t = 0.8·x_{t−1} + noise is
// detected in its direction only.
func TestGrangerStrongDependency(t *testing.T) {
	rng := rand.New(rand.NewPCG(20251125, 7))
	const n = 160
	sent := make([]float64, n)
	ret := make([]float64, n)
	for i := range sent {
		sent[i] = 0.3 * rng.NormFloat64()
		if i > 0 {
			ret[i] = 0.8*sent[i-1] + 0.01*rng.NormFloat64()
		}
	}
	got, err := Granger(gSentiment("auto.ev", sent), gReturns(ret), GrangerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fwd := findGranger(t, got, "auto.ev", GrangerSentimentToReturns)
	back := findGranger(t, got, "auto.ev", GrangerReturnsToSentiment)
	if !(fwd.P < 1e-12) {
		t.Errorf("sentiment->returns: got p=%v (F=%v lag %d), want < 1e-12", fwd.P, fwd.F, fwd.Lag)
	}
	if !(back.P > 0.05) {
		t.Errorf("returns->sentiment: got p=%v (F=%v lag %d), want > 0.05", back.P, back.F, back.Lag)
	}
	// Default MaxLag 5: rows 5…159.
	if fwd.N != n-5 || back.N != n-5 {
		t.Errorf("got n=%d and %d, want %d", fwd.N, back.N, n-5)
	}
}

// TestGrangerAICPicksLagTwo checks that AIC finds the true lag order 2 and
// that the AIC reported is the minimum over orders 1…MaxLag computed
// independently.
func TestGrangerAICPicksLagTwo(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 2))
	const n = 120
	sent := make([]float64, n)
	ret := make([]float64, n)
	for i := range sent {
		sent[i] = 0.4 * rng.NormFloat64()
		ret[i] = 0.01 * rng.NormFloat64()
		if i >= 2 {
			ret[i] += 0.02*sent[i-1] + 0.05*sent[i-2]
		}
	}
	got, err := Granger(gSentiment("tech.semiconductors", sent), gReturns(ret), GrangerOptions{MaxLag: 4})
	if err != nil {
		t.Fatal(err)
	}
	g := findGranger(t, got, "tech.semiconductors", GrangerSentimentToReturns)
	rows := make([]int, 0, n-4)
	for i := 4; i < n; i++ {
		rows = append(rows, i)
	}
	wantLag, wantF, wantAIC := refGranger(ret, sent, rows, 4)
	if wantLag != 2 {
		t.Fatalf("reference picked lag %d; the fixture no longer has lag 2", wantLag)
	}
	if g.Lag != 2 || g.DF1 != 2 || g.DF2 != len(rows)-5 {
		t.Errorf("got lag %d df=(%d,%d), want 2 df=(2,%d)", g.Lag, g.DF1, g.DF2, len(rows)-5)
	}
	if !closeTo(g.F, wantF, 1e-7) || !closeTo(g.AIC, wantAIC, 1e-9) {
		t.Errorf("got F=%v AIC=%v, want F=%v AIC=%v", g.F, g.AIC, wantF, wantAIC)
	}
	// P(F(2, d) > f) = (d/(d + 2f))^(d/2).
	d := float64(len(rows) - 5)
	if want := math.Pow(d/(d+2*g.F), d/2); !closeTo(g.P, want, 1e-9) {
		t.Errorf("got p=%v, want %v", g.P, want)
	}
}

// TestFSurvival checks the F p-value against printed tables and the closed
// form for two numerator degrees of freedom.
func TestFSurvival(t *testing.T) {
	tests := []struct {
		name   string
		f      float64
		d1, d2 float64
		want   float64
		tol    float64
	}{
		{"table F(2,10) 5%", 4.1028, 2, 10, 0.05, 1e-4},
		{"table F(1,20) 5%", 4.3512, 1, 20, 0.05, 1e-4},
		{"table F(3,30) 1%", 4.5097, 3, 30, 0.01, 1e-4},
		{"closed form F(2,10)", 4.1028, 2, 10, math.Pow(10/(10+2*4.1028), 5), 1e-12},
		// A far tail where 1 − CDF would have lost every digit.
		{"closed form far tail F(2,40)", 300, 2, 40, math.Pow(40.0/640, 20), 1e-9 * math.Pow(40.0/640, 20)},
		{"zero", 0, 3, 12, 1, 0},
		{"NaN", math.NaN(), 3, 12, math.NaN(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fSurvival(tt.f, tt.d1, tt.d2)
			if math.IsNaN(tt.want) {
				if !math.IsNaN(got) {
					t.Errorf("got %v, want NaN", got)
				}
				return
			}
			if math.Abs(got-tt.want) > tt.tol {
				t.Errorf("got %v, want %v ± %v", got, tt.want, tt.tol)
			}
		})
	}
}

// TestGrangerRows checks which rows are usable: a missing sentiment day, a
// non-finite return or the From date removes exactly the rows that need
// them, and F is computed on those rows.
func TestGrangerRows(t *testing.T) {
	const n = 40
	rng := rand.New(rand.NewPCG(3, 5))
	sent := make([]float64, n)
	ret := make([]float64, n)
	for i := range sent {
		sent[i] = 0.5 * rng.NormFloat64()
		ret[i] = 0.01 * rng.NormFloat64()
		if i > 0 {
			ret[i] += 0.01 * sent[i-1]
		}
	}
	rowsWithout := func(from int, missing ...int) []int {
		var rows []int
		for t := from; t < n; t++ {
			ok := true
			for _, m := range missing {
				if t >= m && t <= m+2 { // MaxLag 2
					ok = false
				}
			}
			if ok {
				rows = append(rows, t)
			}
		}
		return rows
	}
	tests := []struct {
		name     string
		ret      func() []float64
		skip     []int
		from, to string
		want     []int
	}{
		{"complete", func() []float64 { return ret }, nil, "", "", rowsWithout(2)},
		{"sentiment missing on day 10", func() []float64 { return ret }, []int{10}, "", "", rowsWithout(2, 10)},
		{"sentiment missing on days 10 and 11", func() []float64 { return ret }, []int{10, 11}, "", "", rowsWithout(2, 10, 11)},
		{"NaN return on day 20", func() []float64 {
			r := append([]float64(nil), ret...)
			r[20] = math.NaN()
			return r
		}, nil, "", "", rowsWithout(2, 20)},
		{"from day 5 to day 35", func() []float64 { return ret }, []int{10}, gDate(5), gDate(35), rowsWithout(7, 10)[:len(rowsWithout(7, 10))-4]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.ret()
			got, err := Granger(gSentiment("tech.ai", sent, tt.skip...), gReturns(r), GrangerOptions{MaxLag: 2, MinN: 10, From: tt.from, To: tt.to})
			if err != nil {
				t.Fatal(err)
			}
			g := findGranger(t, got, "tech.ai", GrangerSentimentToReturns)
			if g.N != len(tt.want) || g.From != gDate(tt.want[0]) || g.To != gDate(tt.want[len(tt.want)-1]) {
				t.Fatalf("got n=%d %s…%s, want n=%d %s…%s", g.N, g.From, g.To, len(tt.want), gDate(tt.want[0]), gDate(tt.want[len(tt.want)-1]))
			}
			wantLag, wantF, _ := refGranger(r, sent, tt.want, 2)
			if g.Lag != wantLag || !closeTo(g.F, wantF, 1e-7) {
				t.Errorf("got lag %d F=%v, want lag %d F=%v", g.Lag, g.F, wantLag, wantF)
			}
		})
	}
}

// With FillZero, days without sentiment count as neutral news (0): the lag
// chain is unbroken and the regressions see zeros on those days.
func TestGrangerFillZero(t *testing.T) {
	const n = 40
	rng := rand.New(rand.NewPCG(7, 9))
	sent := make([]float64, n)
	ret := make([]float64, n)
	for i := range sent {
		sent[i] = 0.5 * rng.NormFloat64()
		ret[i] = 0.01 * rng.NormFloat64()
	}
	filled := append([]float64(nil), sent...)
	filled[10], filled[11] = 0, 0
	var rows []int
	for t := 2; t < n; t++ {
		rows = append(rows, t)
	}
	got, err := Granger(gSentiment("tech.ai", sent, 10, 11), gReturns(ret), GrangerOptions{MaxLag: 2, MinN: 10, FillZero: true})
	if err != nil {
		t.Fatal(err)
	}
	g := findGranger(t, got, "tech.ai", GrangerSentimentToReturns)
	wantLag, wantF, _ := refGranger(ret, filled, rows, 2)
	if g.N != len(rows) || g.Lag != wantLag || !closeTo(g.F, wantF, 1e-7) {
		t.Errorf("got n=%d lag %d F=%v, want n=%d lag %d F=%v", g.N, g.Lag, g.F, len(rows), wantLag, wantF)
	}
	// Prices running 60 sessions past the news do not become 60 days of
	// neutral news: the fill stops at the last day with any sentiment.
	long := append(append([]float64(nil), ret...), make([]float64, 60)...)
	for i := n; i < len(long); i++ {
		long[i] = 0.01 * rng.NormFloat64()
	}
	got, err = Granger(gSentiment("tech.ai", sent, 10, 11), gReturns(long), GrangerOptions{MaxLag: 2, MinN: 10, FillZero: true})
	if err != nil {
		t.Fatal(err)
	}
	if g := findGranger(t, got, "tech.ai", GrangerSentimentToReturns); g.N != len(rows) || g.To != gDate(n-1) {
		t.Errorf("fill beyond the news: n=%d to %s, want n=%d to %s", g.N, g.To, len(rows), gDate(n-1))
	}
	// Without the fill the two missing days cost rows 10…13.
	got, err = Granger(gSentiment("tech.ai", sent, 10, 11), gReturns(ret), GrangerOptions{MaxLag: 2, MinN: 10})
	if err != nil {
		t.Fatal(err)
	}
	if g := findGranger(t, got, "tech.ai", GrangerSentimentToReturns); g.N != len(rows)-4 {
		t.Errorf("without fill: n=%d, want %d", g.N, len(rows)-4)
	}
}

// TestGrangerUndefined checks the NaN results and their notes.
func TestGrangerUndefined(t *testing.T) {
	ret := make([]float64, 30)
	sent := make([]float64, 30)
	for i := range ret {
		ret[i] = 0.01 * math.Sin(1.7*float64(i*i)+0.3)
		sent[i] = 0.5 * math.Cos(2.3*float64(i)+0.1*float64(i*i))
	}
	flat := make([]float64, 30)
	for i := range flat {
		flat[i] = 0.25
	}
	tests := []struct {
		name  string
		daily []DailySector
		opts  GrangerOptions
		wantN int
		note  string
	}{
		// MaxLag 5 over 17 days with sentiment: rows 5…16.
		{"too few rows", gSentiment("tech.ai", sent[:17]), GrangerOptions{}, 12, "12 usable days, need 20"},
		{"too few for lag 1", gSentiment("tech.ai", sent[:4]), GrangerOptions{MaxLag: 1, MinN: 1}, 3, "3 usable days, too few for lag 1"},
		{"constant sentiment", gSentiment("tech.ai", flat), GrangerOptions{MaxLag: 2, MinN: 5}, 28, "sentiment constant on the usable days"},
		{"listed sector without sentiment", gSentiment("tech.ai", sent), GrangerOptions{Sectors: []string{"energy.oil"}}, 0, "no usable days, need 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Granger(tt.daily, gReturns(ret), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Fatalf("got %d results, want 2", len(got))
			}
			for _, g := range got {
				if g.N != tt.wantN || g.Note != tt.note || !math.IsNaN(g.F) || !math.IsNaN(g.P) || !math.IsNaN(g.AIC) || g.Lag != 0 {
					t.Errorf("%s: got n=%d F=%v p=%v AIC=%v lag=%d note %q, want n=%d NaN lag 0 note %q",
						g.Direction, g.N, g.F, g.P, g.AIC, g.Lag, g.Note, tt.wantN, tt.note)
				}
			}
		})
	}
}

// TestGrangerCollinear checks that an exact linear dependency between the
// lagged regressors makes the orders that hold it singular, and that an
// exact fit is flagged.
func TestGrangerCollinear(t *testing.T) {
	ret := make([]float64, 30)
	sent := make([]float64, 30)
	for i := range ret {
		ret[i] = 0.01 * math.Sin(1.7*float64(i*i)+0.3)
		if i > 0 {
			// Today's sentiment is yesterday's return, scaled.
			sent[i] = 20 * ret[i-1]
		}
	}
	got, err := Granger(gSentiment("tech.ai", sent), gReturns(ret), GrangerOptions{MaxLag: 3, MinN: 5})
	if err != nil {
		t.Fatal(err)
	}
	// sentiment->returns: orders ≥ 2 hold both y_{t−2} and
	// x_{t−1} = 20·y_{t−2}, so only order 1 can be fitted.
	fwd := findGranger(t, got, "tech.ai", GrangerSentimentToReturns)
	if fwd.Lag != 1 || math.IsNaN(fwd.F) || fwd.Note != "" {
		t.Errorf("sentiment->returns: got lag %d F=%v note %q, want lag 1, a finite F, no note", fwd.Lag, fwd.F, fwd.Note)
	}
	// returns->sentiment: y_t = 20·x_{t−1} exactly, so order 1 fits
	// exactly and larger orders are singular (y_{t−1} = 20·x_{t−2}).
	back := findGranger(t, got, "tech.ai", GrangerReturnsToSentiment)
	if back.Lag != 1 || !strings.HasPrefix(back.Note, "exact fit") || !(back.P < 1e-12) {
		t.Errorf("returns->sentiment: got lag %d p=%v note %q, want lag 1, p≈0, an exact-fit note", back.Lag, back.P, back.Note)
	}
}

// TestGrangerOrderAndErrors checks the result order and input errors.
func TestGrangerOrderAndErrors(t *testing.T) {
	ret := make([]float64, 30)
	sent := make([]float64, 30)
	for i := range ret {
		ret[i] = 0.01 * math.Sin(1.7*float64(i*i)+0.3)
		sent[i] = 0.5 * math.Cos(2.3*float64(i)+0.1*float64(i*i))
	}
	daily := append(gSentiment("tech.ai", sent), gSentiment("auto.ev", sent)...)
	got, err := Granger(daily, gReturns(ret), GrangerOptions{MaxLag: 1, MinN: 5})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, g := range got {
		order = append(order, g.Sector+" "+g.Direction)
	}
	want := []string{"auto.ev sentiment->returns", "auto.ev returns->sentiment", "tech.ai sentiment->returns", "tech.ai returns->sentiment"}
	if strings.Join(order, ", ") != strings.Join(want, ", ") {
		t.Errorf("got order %v, want %v", order, want)
	}

	mixed := append(gSentiment("tech.ai", sent), DailySector{TradingDate: gDate(40), Sector: "tech.ai", Analyzer: "llm"})
	if _, err := Granger(mixed, gReturns(ret), GrangerOptions{}); err == nil || !strings.Contains(err.Error(), `"llm"`) {
		t.Errorf("mixed analyzers: got error %v, want one naming \"llm\"", err)
	}
	dup := append(gReturns(ret), Return{Date: gDate(3)})
	if _, err := Granger(daily, dup, GrangerOptions{}); err == nil || !strings.Contains(err.Error(), gDate(3)) {
		t.Errorf("duplicate return date: got error %v, want one naming %s", err, gDate(3))
	}
}

func BenchmarkGranger(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 750 // three years of sessions
	sent := make([]float64, n)
	ret := make([]float64, n)
	for i := range sent {
		sent[i] = 0.4 * rng.NormFloat64()
		ret[i] = 0.01 * rng.NormFloat64()
	}
	daily := gSentiment("tech.ai", sent)
	returns := gReturns(ret)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Granger(daily, returns, GrangerOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
