package when

import (
	"testing"
	"time"
)

func TestWeekdayNames(t *testing.T) {
	for word, want := range map[string]time.Weekday{"maandag": time.Monday, "Ma": time.Monday, "friday": time.Friday, " zo ": time.Sunday} {
		if got, ok := Weekday(word); !ok || got != want {
			t.Errorf("Weekday(%q) = %v, %v; want %v", word, got, ok, want)
		}
	}
	if _, ok := Weekday("morgen"); ok {
		t.Error(`"morgen" named a weekday`)
	}
}
