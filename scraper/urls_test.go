package scraper

import "testing"

func TestNormalizeURLForms(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"scheme and host case", "HTTPS://News.Example.COM/Markets/HSI", "https://news.example.com/Markets/HSI"},
		{"http default port", "http://news.example.com:80/a", "http://news.example.com/a"},
		{"https default port", "https://news.example.com:443/a", "https://news.example.com/a"},
		{"other port kept", "http://news.example.com:8080/a", "http://news.example.com:8080/a"},
		{"port 443 on http kept", "http://news.example.com:443/a", "http://news.example.com:443/a"},
		{"fragment", "https://news.example.com/a#comments", "https://news.example.com/a"},
		{"utm mixed with real parameters", "https://news.example.com/a?utm_source=rss&id=7&UTM_Medium=social&page=2", "https://news.example.com/a?id=7&page=2"},
		{"only tracking", "https://news.example.com/a?utm_campaign=x&utm_content=y", "https://news.example.com/a"},
		{"fbclid", "https://news.example.com/a?fbclid=IwAR0abc&b=1", "https://news.example.com/a?b=1"},
		{"gclid", "https://news.example.com/a?gclid=Cj0K&b=1", "https://news.example.com/a?b=1"},
		{"other click ids", "https://news.example.com/a?gclsrc=aw.ds&dclid=x&MSCLKID=y&yclid=z&b=1", "https://news.example.com/a?b=1"},
		{"other tracking-like keys kept", "https://news.example.com/a?ref_src=twsrc&mc_cid=1", "https://news.example.com/a?ref_src=twsrc&mc_cid=1"},
		{"trailing slash on deep path", "https://news.example.com/markets/2026/11/25/hsi-close/", "https://news.example.com/markets/2026/11/25/hsi-close"},
		{"trailing slashes with query", "https://news.example.com/markets//?id=7", "https://news.example.com/markets?id=7"},
		{"escaped slash kept", "https://news.example.com/a%2F/", "https://news.example.com/a%2F"},
		{"root slash kept", "https://news.example.com/", "https://news.example.com/"},
		{"empty path", "https://news.example.com", "https://news.example.com/"},
		{"empty path with query", "https://news.example.com?utm_source=x&p=1", "https://news.example.com/?p=1"},
		{"file URL unchanged", "file:///home/reader/pages/HSI.html#top", "file:///home/reader/pages/HSI.html#top"},
		{"file URL trailing slash unchanged", "file:///home/reader/pages/", "file:///home/reader/pages/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeURL(mustURL(t, tt.in)); got != tt.want {
				t.Errorf("NormalizeURL(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := NormalizeURL(nil); got != "" {
		t.Errorf("NormalizeURL(nil): got %q, want \"\"", got)
	}
}
