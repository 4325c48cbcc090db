package form

import (
	"fmt"
	"testing"
)

// BenchmarkMatchNames reads a message naming three people against a
// directory of 500, as a witnesses question in a large organisation does.
func BenchmarkMatchNames(b *testing.B) {
	people := make([]Person, 500)
	for i := range people {
		people[i] = Person{Key: fmt.Sprintf("medewerker%d@gemeente.nl", i), Name: fmt.Sprintf("Medewerker%d van der Bëek", i)}
	}
	people[42].Name = "Fatima El-Amrani"
	b.ReportAllocs()
	for b.Loop() {
		_ = MatchNames("Fatima El-Amrani, Medewerker7 en een bezoeker", people)
	}
}
