"""Domain rules of the shelter desk: pure Python, no Qt, no SQL, no PDF."""
