package demosite

import (
	"net/http/httptest"
	"testing"
)

func BenchmarkHandler(b *testing.B) {
	for b.Loop() {
		if _, err := Handler(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkServe(b *testing.B) {
	h, err := Handler()
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range []string{"/", "/feed.xml", "/news/hang-seng-jumps-as-ai-fever-grips-china-tech-alibaba-tencent-rally.html"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest("GET", "http://127.0.0.1:8080"+path, nil)
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("GET %s: status %d", path, rec.Code)
				}
			}
		})
	}
}
