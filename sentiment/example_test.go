package sentiment_test

import (
	"context"
	"fmt"
	"log"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/sentiment"
)

func ExampleLexiconAnalyzer_Analyze() {
	la, err := sentiment.NewLexiconAnalyzer(nil, nil) // built-in gazetteer and taxonomy
	if err != nil {
		log.Fatal(err)
	}
	a := &sectorpulse.Article{
		ID:    1,
		Title: "Tencent rallies, Alibaba slips",
		Text:  "Tencent shares surged 5 percent after strong quarterly results, while Alibaba fell 2 percent. The Hang Seng Index rose 1.2 percent to 20,310.5 points.",
	}
	an, err := la.Analyze(context.Background(), a)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("overall:", sectorpulse.LabelFor(an.Sentiment))
	for _, m := range an.Mentions {
		fmt.Printf("%s (%s): %s, evidence %q\n", m.Entity, m.Ticker, sectorpulse.LabelFor(m.Sentiment), m.Evidence.Quote)
	}
	for _, mv := range an.Moves {
		fmt.Printf("move %s %+.1f%% to %.1f\n", mv.Index, *mv.ChangePct, *mv.Level)
	}
	// Output:
	// overall: positive
	// Tencent (0700.HK): positive, evidence "Tencent shares surged 5 percent after strong quarterly results"
	// Alibaba (9988.HK): negative, evidence "Alibaba fell 2 percent."
	// Hang Seng Index (HSI): positive, evidence "The Hang Seng Index rose 1.2 percent to 20,310.5 points."
	// move HSI +1.2% to 20310.5
}

func ExampleFindIndexMoves() {
	doc := "The benchmark Hang Seng Index closed down 0.8 per cent at 19,864.55, while the tech index ended 2.3% higher at 4,501.02."
	for _, mv := range sentiment.FindIndexMoves(doc) {
		fmt.Printf("%s %+.1f%% at %.2f\n", mv.Index, *mv.ChangePct, *mv.Level)
	}
	// Output:
	// HSI -0.8% at 19864.55
	// HSTECH +2.3% at 4501.02
}

func ExampleGazetteer_Find() {
	g, err := sentiment.DefaultGazetteer()
	if err != nil {
		log.Fatal(err)
	}
	text := "BYD's sales rose; the Fed and 騰訊 were in focus, and traders were fed up."
	for _, h := range g.Find(text) {
		fmt.Printf("%s %q\n", h.Entity.Name, text[h.Start:h.End])
	}
	// Output:
	// BYD "BYD"
	// Federal Reserve "Fed"
	// Tencent "騰訊"
}
