package sentiment

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

// fmtMove formats a move as "HSI 3.69% @22620.33" (change and level).
func fmtMove(m sectorpulse.IndexMove) string {
	return fmt.Sprintf("%s %s%% @%s", m.Index, fmtFloat(m.ChangePct), fmtFloat(m.Level))
}

// fmtMoveFull formats every field of a move but its evidence:
// "HSI -1.5% @20010.1 -310.2pts day".
func fmtMoveFull(m sectorpulse.IndexMove) string {
	return fmt.Sprintf("%s %spts %s", fmtMove(m), fmtFloat(m.ChangePoints), m.Period)
}

func fmtFloat(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%g", *p)
}

func TestFindIndexMoves(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string // fmtMoveFull of each move
	}{
		// English forms.
		{"rose percent to points", "The Hang Seng Index rose 3.69 percent to 22,620.33 points.", []string{"HSI 3.69% @22620.33 nilpts day"}},
		{"up percent to points, no verb", "Hang Seng Index up 3.69 percent to 22,620.33 points", []string{"HSI 3.69% @22620.33 nilpts day"}},
		{"tech up", "Hang Seng Tech Index up 5.56 percent", []string{"HSTECH 5.56% @nil nilpts day"}},
		{"hscei fell", "Elsewhere, the Hang Seng China Enterprises Index fell 1.2% to 8,100.5.", []string{"HSCEI -1.2% @8100.5 nilpts day"}},
		{"closed lower at", "The Hang Seng Index closed 1.2% lower at 19,864.55.", []string{"HSI -1.2% @19864.55 nilpts day"}},
		{"ended down per cent at", "The benchmark Hang Seng Index ended down 0.8 per cent at 19,864.55.", []string{"HSI -0.8% @19864.55 nilpts day"}},
		{"closed down per cent at", "The benchmark Hang Seng Index closed down 0.8 per cent at 19,864.55.", []string{"HSI -0.8% @19864.55 nilpts day"}},
		{"finished higher", "The Hang Seng China Enterprises Index finished 2.3% higher.", []string{"HSCEI 2.3% @nil nilpts day"}},
		{"gained points", "The Hang Seng Index gained 150 points on Tuesday.", []string{"HSI nil% @nil 150pts day"}},
		{"lost points or percent to", "The HSI lost 310.2 points, or 1.5 percent, to 20,010.1.", []string{"HSI -1.5% @20010.1 -310.2pts day"}},
		{"shed pts", "The Hang Seng Index shed 200 pts to end at 19,800.", []string{"HSI nil% @19800 -200pts day"}},
		{"added percent", "The Hang Seng China Enterprises Index added 1.1%.", []string{"HSCEI 1.1% @nil nilpts day"}},
		{"was down", "The Hang Seng Index was down 0.5% at the close.", []string{"HSI -0.5% @nil nilpts day"}},
		{"gave up", "The Hang Seng Index gave up 1.2 percent.", []string{"HSI -1.2% @nil nilpts day"}},
		{"benchmark possessive", "Hong Kong's benchmark Hang Seng Index fell 1.3 percent to 19,702.4.", []string{"HSI -1.3% @19702.4 nilpts day"}},
		{"hong kong's benchmark index", "Hong Kong's benchmark index fell 1.3 percent to 19,702.4.", []string{"HSI -1.3% @19702.4 nilpts day"}},
		{"tech index higher at", "Meanwhile the tech index ended 2.3% higher at 4,501.02.", []string{"HSTECH 2.3% @4501.02 nilpts day"}},
		{"two indexes in one sentence", "The Hang Seng Index gained 1.1 percent, while the Hang Seng Tech Index dropped 0.4 percent.",
			[]string{"HSI 1.1% @nil nilpts day", "HSTECH -0.4% @nil nilpts day"}},
		{"level only", "The Hang Seng Index slipped to 19,950.2 points at the close.", []string{"HSI nil% @19950.2 nilpts day"}},
		{"points then level", "The Dow Jones Industrial Average rose 412.5 points to 39,118.9.", []string{"DJIA nil% @39118.9 412.5pts day"}},
		{"as much as", "The Hang Seng Index rose as much as 2.4 percent before paring gains.", []string{"HSI 2.4% @nil nilpts intraday"}},

		// The US, Japan, Korea, Taiwan.
		{"nasdaq record", "The Nasdaq Composite jumped 2.1 percent to a record 19,850.2.", []string{"IXIC 2.1% @19850.2 nilpts day"}},
		{"s&p fell", "The S&P 500 fell 0.6% on Thursday.", []string{"SPX -0.6% @nil nilpts day"}},
		{"us wrap", "The Dow Jones Industrial Average fell 310.2 points, or 0.8%, to 38,500.1, the S&P 500 lost 0.6% and the Nasdaq Composite dropped 1.1%.",
			[]string{"DJIA -0.8% @38500.1 -310.2pts day", "SPX -0.6% @nil nilpts day", "IXIC -1.1% @nil nilpts day"}},
		{"bare dow", "The Dow slipped 0.3 percent.", []string{"DJIA -0.3% @nil nilpts day"}},
		{"tech-heavy nasdaq", "The tech-heavy Nasdaq climbed 1.4 percent to 18,310.77.", []string{"IXIC 1.4% @18310.77 nilpts day"}},
		{"nasdaq 100", "The Nasdaq 100 rose 1.6 percent.", []string{"NDX 1.6% @nil nilpts day"}},
		{"nikkei", "In Tokyo, the Nikkei 225 gained 1.8 percent to 38,950.3.", []string{"N225 1.8% @38950.3 nilpts day"}},
		{"bare nikkei", "Japan's Nikkei slid 2.2 percent.", []string{"N225 -2.2% @nil nilpts day"}},
		{"kospi taiex", "South Korea's Kospi rose 0.7 percent and Taiwan's Taiex gained 1.3 percent.",
			[]string{"KS11 0.7% @nil nilpts day", "TWII 1.3% @nil nilpts day"}},
		{"headline title case", "Nikkei Jumps 2% To Record", []string{"N225 2% @nil nilpts day"}},

		// Mainland China.
		{"shanghai composite", "The Shanghai Composite Index rose 0.9 percent to 3,352.6.", []string{"SSEC 0.9% @3352.6 nilpts day"}},
		{"csi 300 blue chip", "The blue-chip CSI 300 Index gained 1.2 percent, led by chipmakers.", []string{"CSI300 1.2% @nil nilpts day"}},
		{"shenzhen and chinext", "The Shenzhen Component Index lost 1.1 percent, while the ChiNext Index fell 1.9 percent.",
			[]string{"SZI -1.1% @nil nilpts day", "CHINEXT -1.9% @nil nilpts day"}},

		// Chinese, traditional and simplified.
		{"chinese traditional", "恒生指數上漲2.1%，收報20,150.5點。", []string{"HSI 2.1% @20150.5 nilpts day"}},
		{"chinese simplified close", "恒指收跌1.2%，报19,864点。", []string{"HSI -1.2% @19864 nilpts day"}},
		{"chinese points", "恒指上漲215點，收報20,368點。", []string{"HSI nil% @20368 215pts day"}},
		{"chinese shanghai", "沪指涨0.5%。", []string{"SSEC 0.5% @nil nilpts day"}},
		{"chinese shanghai traditional", "滬指跌0.7%，收報3,310點。", []string{"SSEC -0.7% @3310 nilpts day"}},
		{"chinese csi and chinext", "沪深300指数涨1.1%，创业板指跌0.4%。", []string{"CSI300 1.1% @nil nilpts day", "CHINEXT -0.4% @nil nilpts day"}},
		{"chinese us", "道指跌0.8%，纳指升1.2%，標普500指數升0.3%。", []string{"DJIA -0.8% @nil nilpts day", "IXIC 1.2% @nil nilpts day", "SPX 0.3% @nil nilpts day"}},
		{"chinese next clause other subject", "恒指上漲，騰訊升3%。", nil},
		{"chinese cause before the verb", "恒指受騰訊拖累下跌1%。", []string{"HSI -1% @nil nilpts day"}},
		{"chinese other subject after the move", "恒指下跌，而騰訊升3%。", nil},

		// Periods.
		{"intraday morning trade", "The Hang Seng Index rose 0.6 percent in morning trade.", []string{"HSI 0.6% @nil nilpts intraday"}},
		{"intraday at midday", "At midday, the Hang Seng Index was up 0.4% at 20,110.", []string{"HSI 0.4% @20110 nilpts intraday"}},
		{"intraday by midday", "By midday the HSI lost 310.2 points, or 1.5 percent, to 20,010.1.", []string{"HSI -1.5% @20010.1 -310.2pts intraday"}},
		{"intraday lunch break", "The Hang Seng Index was 0.9 percent lower at the lunch break.", []string{"HSI -0.9% @nil nilpts intraday"}},
		{"intraday early trade", "The Nikkei fell 1.1 percent in early trade.", []string{"N225 -1.1% @nil nilpts intraday"}},
		{"intraday chinese", "恒指午市升0.8%，報20,300點。", []string{"HSI 0.8% @20300 nilpts intraday"}},
		{"intraday chinese morning", "恒指早市跌0.3%。", []string{"HSI -0.3% @nil nilpts intraday"}},
		{"intraday chinese half day", "恒指半日升1.2%。", []string{"HSI 1.2% @nil nilpts intraday"}},
		{"week this week", "The Hang Seng Index has gained 3.1 percent this week.", []string{"HSI 3.1% @nil nilpts week"}},
		{"week for the week", "For the week, the Hang Seng gained 4.2 percent, its strongest performance since late September.", []string{"HSI 4.2% @nil nilpts week"}},
		{"week over the week", "The Nikkei rose 2 percent over the week.", []string{"N225 2% @nil nilpts week"}},
		{"week within this week", "The Hang Seng Index fell 1.5 percent within this week.", []string{"HSI -1.5% @nil nilpts week"}},
		{"week weekly gain", "The S&P 500 posted a weekly gain of 1.9 percent.", []string{"SPX 1.9% @nil nilpts week"}},
		{"week closed the week", "The Hang Seng Index closed the week 2 percent higher.", []string{"HSI 2% @nil nilpts week"}},
		{"week chinese", "恒指本周累升2.5%。", []string{"HSI 2.5% @nil nilpts week"}},
		{"week chinese traditional", "恒指本週下跌1.1%。", []string{"HSI -1.1% @nil nilpts week"}},
		{"week chinese whole", "恒指全周升3%。", []string{"HSI 3% @nil nilpts week"}},
		{"last friday is a day", "恒指上周五跌1%。", []string{"HSI -1% @nil nilpts day"}},
		{"month this month", "The Hang Seng Index has dropped 4 percent this month.", []string{"HSI -4% @nil nilpts month"}},
		{"month for the month", "The Nasdaq rose 6.2 percent for the month.", []string{"IXIC 6.2% @nil nilpts month"}},
		{"month in november", "The Hang Seng Index fell 4.4 percent in November.", []string{"HSI -4.4% @nil nilpts month"}},
		{"month chinese", "恒指本月累跌3.2%。", []string{"HSI -3.2% @nil nilpts month"}},
		{"quarter", "The Hang Seng Index rose 8 percent in the third quarter.", []string{"HSI 8% @nil nilpts quarter"}},
		{"quarter this", "The CSI 300 has lost 5 percent this quarter.", []string{"CSI300 -5% @nil nilpts quarter"}},
		{"quarter chinese", "恒指本季累升12%。", []string{"HSI 12% @nil nilpts quarter"}},
		{"year this year", "The Hang Seng Index has risen 18 percent this year.", []string{"HSI 18% @nil nilpts year"}},
		{"year in 2024", "The Nikkei gained 19 percent in 2024.", []string{"N225 19% @nil nilpts year"}},
		{"ytd so far this year", "So far this year, the Nikkei 225 has gained 10.4 percent.", []string{"N225 10.4% @nil nilpts ytd"}},
		{"ytd year to date", "The Hang Seng Tech Index is up 22 percent year to date.", []string{"HSTECH 22% @nil nilpts ytd"}},
		{"ytd hyphenated", "The Kospi has fallen 6.5% year-to-date.", []string{"KS11 -6.5% @nil nilpts ytd"}},
		{"ytd chinese traditional", "恒指今年以來累升15%。", []string{"HSI 15% @nil nilpts ytd"}},
		{"ytd chinese simplified before", "今年以来，恒指累升15%。", []string{"HSI 15% @nil nilpts ytd"}},
		{"ytd since the start of the year", "The Hang Seng Index has gained 14 percent since the start of the year.", []string{"HSI 14% @nil nilpts ytd"}},
		{"ytd abbreviation", "The Hang Seng Index is up 14% YTD.", []string{"HSI 14% @nil nilpts ytd"}},
		{"week for a second week", "The S&P 500 fell 0.5 percent for a second week.", []string{"SPX -0.5% @nil nilpts week"}},
		{"month chinese numbered", "恒指5月份累升3%。", []string{"HSI 3% @nil nilpts month"}},
		{"quarter chinese numbered", "恒指第三季度上漲8%。", []string{"HSI 8% @nil nilpts quarter"}},
		{"year chinese numbered", "恒指2024年累升18%。", []string{"HSI 18% @nil nilpts year"}},
		{"year chinese last year", "恒指去年跌14%。", []string{"HSI -14% @nil nilpts year"}},
		{"intraday chinese midday close", "恒指午收升0.6%。", []string{"HSI 0.6% @nil nilpts intraday"}},
		{"chinese date is a day", "恒指5日收跌1%。", []string{"HSI -1% @nil nilpts day"}},
		{"day move and week in a later clause", "The Hang Seng Index rose 1.2 percent on Friday, bringing its gain for the week to 3.5 percent.",
			[]string{"HSI 1.2% @nil nilpts day"}},
		{"third straight session is a day", "The Hang Seng Index fell 0.9 percent for a third straight session.", []string{"HSI -0.9% @nil nilpts day"}},
		{"three-week high is a level", "The Hang Seng Index rose 1.1 percent to a three-week high of 20,450.", []string{"HSI 1.1% @20450 nilpts day"}},

		// Left out: spans that are no standard period.
		{"past three weeks", "The Hang Seng Index has fallen 7 percent over the past three weeks.", nil},
		{"past two sessions", "The Nikkei has lost 3.2 percent in the past two sessions.", nil},
		{"three straight sessions", "The Hang Seng Index fell 4 percent over three straight sessions.", nil},
		{"since april", "The Nasdaq has gained 20 percent since April.", nil},
		{"first half", "The Hang Seng Index rose 9 percent in the first half.", nil},
		{"chinese three weeks", "恒指連續三周下跌，累跌6%。", nil},
		{"chinese since march", "恒指自3月以來累升20%。", nil},
		{"chinese cumulative without span", "恒指累計下跌5%。", nil},

		// Approximate figures are not read.
		{"more than", "The Hang Seng Index fell more than 2 percent.", nil},
		{"nearly with level", "The Hang Seng Index rose nearly 2 percent to 20,150.3.", []string{"HSI nil% @20150.3 nilpts day"}},
		{"about a level", "The Nikkei closed at about 39,000.", nil},
		{"chinese more than", "沪指收涨逾1%。", nil},

		// Not moves.
		{"forecast is not a move", "Analysts expect the Hang Seng Index to rise 10 percent by the end of next year.", nil},
		{"could is not a move", "The Hang Seng Index could fall 5 percent if talks fail.", nil},
		{"seen is not a move", "The Nikkei is seen rising 8 percent next year.", nil},
		{"chinese forecast", "分析師預計，恒指明年升10%。", nil},
		{"percent without index", "Tencent shares rose 3.2 percent to 410.6 Hong Kong dollars.", nil},
		{"index without figure", "The Hang Seng Index rose on Monday.", nil},
		{"index without direction", "The Hang Seng Index has 82 constituents.", nil},
		{"separate sentences", "Tencent jumped 4 percent. The Hang Seng Index was flat.", nil},
		{"Hang Seng Bank is not the index", "Hang Seng Bank rose 1.2 percent after its results.", nil},
		{"bank after the index", "The Hang Seng Index fell 0.5 percent to 21,631.99, while Hang Seng Bank edged up 0.3 percent.",
			[]string{"HSI -0.5% @21631.99 nilpts day"}},
		{"chinese bank", "恒生銀行上漲0.9%。", nil},
		{"other subject after as", "The Hang Seng Index rose as Tencent gained 3 percent.", nil},
		{"other subject after with", "The Hang Seng Index edged higher, with Tencent up 3 percent.", nil},
		{"other subject after led by", "The Hang Seng Index rose, led by Tencent, which gained 3 percent.", nil},
		{"other subject after comma", "The Hang Seng Index rose, Tencent gained 3 percent.", nil},
		{"other subject after and", "The Hang Seng Index rose and Tencent gained 3 percent.", nil},
		{"other subject's gain", "The Hang Seng Index rose on Tencent's 3 percent gain.", nil},
		{"own move then other subject", "The Hang Seng Index rose 0.4 percent as Tencent gained 3 percent.", []string{"HSI 0.4% @nil nilpts day"}},
		{"relative clause skipped", "The Hang Seng Index, which rose 20 percent last year, fell 1.1 percent on Monday.", []string{"HSI -1.1% @nil nilpts day"}},
		{"futures are not the index", "Hang Seng Index futures rose 0.5 percent.", nil},
		{"nasdaq-listed", "Nasdaq-listed shares of Pinduoduo rose 3 percent.", nil},
		{"nasdaq inc", "Nasdaq Inc rose 1.2 percent after its results.", nil},
		{"dow chemical", "Dow Chemical fell 2 percent.", nil},
		{"heavyweight", "Hang Seng Index heavyweight Tencent rose 2 percent.", nil},
		{"chinese futures", "恒指期貨升0.5%。", nil},
		{"time is not a level", "The Hang Seng Index rose at 10:30 am.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves := FindIndexMoves(tt.doc)
			var got []string
			for _, m := range moves {
				got = append(got, fmtMoveFull(m))
				if tt.doc[m.Evidence.Start:m.Evidence.End] != m.Evidence.Quote {
					t.Errorf("evidence offsets [%d,%d) give %q, want quote %q", m.Evidence.Start, m.Evidence.End, tt.doc[m.Evidence.Start:m.Evidence.End], m.Evidence.Quote)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s\n got %q\nwant %q", tt.doc, got, tt.want)
			}
		})
	}
}

// "The benchmark index" and "the index" mean the index named in the
// sentences just before, unless another index came up in between.
func TestFindIndexMovesCoreference(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"benchmark index", "Hong Kong stocks rallied on Friday as the Hang Seng Index opened higher. The benchmark index closed up 1.4 percent at 20,512.3.",
			[]string{"HSI 1.4% @20512.3 nilpts day"}},
		{"the index in the same sentence", "The Nikkei opened lower, but the index ended 0.6 percent higher.",
			[]string{"N225 0.6% @nil nilpts day"}},
		{"no antecedent", "The benchmark index rose 1.2 percent.", nil},
		{"too far back", "The Nikkei was flat. Exporters rose. Banks fell. Chipmakers were mixed. Insurers gained. The index rose 0.2 percent.", nil},
		{"another index between", "The Hang Seng Index opened higher. The Caixin manufacturing purchasing managers' index fell in November. The index fell to 49.5.", nil},
		{"the index provider", "The Hang Seng Index was flat. The index provider said Tencent's weight rose to 8 percent.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range FindIndexMoves(tt.doc) {
				got = append(got, fmtMoveFull(m))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindIndexMovesEvidenceIsSentence(t *testing.T) {
	doc := "Stocks rallied\n\nHong Kong shares climbed on Tuesday. The Hang Seng Index rose 3.69 percent to 22,620.33 points. Turnover was heavy."
	moves := FindIndexMoves(doc)
	if len(moves) != 1 {
		t.Fatalf("got %d moves, want 1", len(moves))
	}
	want := "The Hang Seng Index rose 3.69 percent to 22,620.33 points."
	if moves[0].Evidence.Quote != want {
		t.Errorf("got evidence %q, want %q", moves[0].Evidence.Quote, want)
	}
}

// One move per index and sentence: the first the sentence gives.
func TestFindIndexMovesOnePerIndexAndSentence(t *testing.T) {
	doc := "The Hang Seng Index rose 1.2 percent, and the Hang Seng Index ended at 20,100."
	moves := FindIndexMoves(doc)
	if len(moves) != 1 || fmtMoveFull(moves[0]) != "HSI 1.2% @nil nilpts day" {
		var got []string
		for _, m := range moves {
			got = append(got, fmtMoveFull(m))
		}
		t.Errorf("got %q, want one move HSI 1.2%%", got)
	}
}

// The period of an LLM move is read off its evidence only when the quote
// names one.
func TestMoveFinderPeriodOf(t *testing.T) {
	f := newMoveFinder()
	tests := []struct {
		quote, code, want string
	}{
		{"The Hang Seng Index closed 1.2% lower at 19,864.55.", "HSI", sectorpulse.PeriodDay},
		{"The Hang Seng Index fell 1.2% to 19,864.55.", "HSI", ""},
		{"The Nikkei rose 0.8 percent in morning trade.", "N225", sectorpulse.PeriodIntraday},
		{"So far this year, the Nikkei 225 has gained 10.4 percent.", "N225", sectorpulse.PeriodYTD},
		{"恒指本周累升2.5%。", "HSI", sectorpulse.PeriodWeek},
		{"The Hang Seng Index has fallen 7 percent over the past three weeks.", "HSI", ""},
		{"The Hang Seng Index rose 2 percent this week.", "HSTECH", ""},
	}
	for _, tt := range tests {
		if got := f.periodOf(tt.quote, tt.code); got != tt.want {
			t.Errorf("periodOf(%q, %s) = %q, want %q", tt.quote, tt.code, got, tt.want)
		}
	}
}

// An LLM move gets the period its evidence names, and none otherwise: the
// answer itself gives no period.
func TestGroundMovePeriod(t *testing.T) {
	doc := "Hong Kong stocks end week higher\n\nThe Hang Seng Index rose 1.2 percent to 20,310.5 on Friday. " +
		"For the week, the benchmark gained 4.2 percent. The Nikkei rose 0.8 percent. " +
		"The Hang Seng Tech Index has fallen 6 percent over the past three weeks."
	gt := newGroundText(doc, len("Hong Kong stocks end week higher"))
	f := func(v float64) *float64 { return &v }
	a := &answerV1{IndexMoves: []moveV1{
		{Index: "HSI", ChangePct: f(1.2), Level: f(20310.5), Evidence: "The Hang Seng Index rose 1.2 percent to 20,310.5 on Friday."},
		{Index: "N225", ChangePct: f(0.8), Evidence: "The Nikkei rose 0.8 percent."},
		{Index: "HSTECH", ChangePct: f(-6), Evidence: "The Hang Seng Tech Index has fallen 6 percent over the past three weeks."},
		{Index: "HSCEI", ChangePct: f(4.2), Evidence: "For the week, the benchmark gained 4.2 percent."},
	}}
	gr := ground(a, gt, nil, nil)
	var got []string
	for _, m := range gr.moves {
		got = append(got, m.Index+" "+m.Period)
	}
	// "the benchmark" names no index in the quote alone: no period.
	want := []string{"HSI day", "N225 ", "HSTECH ", "HSCEI "}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("periods: got %q, want %q", got, want)
	}
}

// Every index's name, code and aliases read as that index in a move.
func TestFindIndexMovesEveryAlias(t *testing.T) {
	for _, ix := range sectorpulse.Indexes() {
		for _, n := range append([]string{ix.Name, ix.Code}, ix.Aliases...) {
			doc := "The " + n + " rose 1.5 percent."
			if strings.ContainsFunc(n, func(r rune) bool { return r >= 0x2E80 }) {
				doc = n + "上漲1.5%。"
			}
			moves := FindIndexMoves(doc)
			if len(moves) != 1 || moves[0].Index != ix.Code {
				var got []string
				for _, m := range moves {
					got = append(got, fmtMoveFull(m))
				}
				t.Errorf("%q: got %q, want one move of %s", doc, got, ix.Code)
			}
		}
	}
}

// BenchmarkFindIndexMoves measures the move finder alone over a
// tokenized wrap of about 4 KB, as the lexicon analyzer runs it.
func BenchmarkFindIndexMoves(b *testing.B) {
	doc := strings.Repeat("Hong Kong stocks rose on Friday as investors bet on more stimulus from Beijing. "+
		"The Hang Seng Index gained 1.6 percent to 20,412.77 points, while the Hang Seng Tech Index jumped 2.9 percent. "+
		"Tencent climbed 3.1 percent after its results beat forecasts, and Meituan added 2 percent. "+
		"For the week, the benchmark rose 4.2 percent. 恒指收漲1.6%，報20,412點。\n", 8)
	f := newMoveFinder()
	m := newDocModel(doc, 0)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		f.find(m)
	}
}
