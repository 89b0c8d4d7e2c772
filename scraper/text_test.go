package scraper

import "testing"

func TestIsBoilerplate(t *testing.T) {
	tests := []struct {
		p    string
		want bool
	}{
		{"Share", true},
		{"Share:", true},
		{"Share this article", true},
		{"Share this", true},
		{"Share on X", true},
		{"Share on Facebook", true},
		{"Share via email", true},
		{"Share this story on WhatsApp", true},
		{"Copyright © 2025 Harbour Wire. All rights reserved.", true},
		{"Copyright 2025 Harbour Wire", true},
		{"Copyright (c) Harbour Wire", true},
		{"Copyright, all rights reserved", true},
		{"© 2025 Harbour Wire", true},
		{"All rights reserved.", true},
		{"Share prices of mainland property developers slumped after new home sales data disappointed investors again.", false},
		{"Shares of Kowloon Bank closed down 3.6 percent.", false},
		{"Copyright disputes weighed on Lotus Interactive after a court ruling on Monday.", false},
		{"Copyright fees rose 4 percent in the quarter.", false},
	}
	for _, tt := range tests {
		t.Run(tt.p, func(t *testing.T) {
			if got := isBoilerplate(tt.p); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
