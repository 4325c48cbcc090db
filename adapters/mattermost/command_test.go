package mattermost

import (
	"context"
	"testing"
)

func TestMentionsBecomeAddressesWithOneLookupPerSpelling(t *testing.T) {
	for _, tc := range []struct {
		text, want string
		lookups    int
	}{
		{"voor @peter.bakker", "voor peter.bakker@voorbeeldrode.nl", 1},
		{"voor @peter.bakker.", "voor peter.bakker@voorbeeldrode.nl.", 2},
		{"voor @onbekend", "voor @onbekend", 1},
		{"voor @onbekend.", "voor @onbekend.", 2},
		{"mail (@peter.bakker)", "mail (peter.bakker@voorbeeldrode.nl)", 1},
	} {
		f := newFakeAPI()
		a, _ := newTestAdapter(t, f, nil)
		if got := a.rewriteMentions(context.Background(), tc.text); got != tc.want {
			t.Errorf("%q became %q, want %q", tc.text, got, tc.want)
		}
		if n := f.count("GetUserByUsername"); n != tc.lookups {
			t.Errorf("%q: %d lookups, want %d", tc.text, n, tc.lookups)
		}
	}
}
