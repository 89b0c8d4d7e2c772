package demosite_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/sectorpulse/sectorpulse/cmd/sectorpulse/demosite"
)

func ExampleHandler() {
	h, err := demosite.Handler()
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/feed.xml")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	// Output: 200 application/rss+xml; charset=utf-8
}

func ExamplePrices() {
	for _, pf := range demosite.Prices() {
		fmt.Println(pf.Index, pf.Name)
	}
	// Output:
	// HSI HSI.csv
	// HSTECH HSTECH.csv
}
