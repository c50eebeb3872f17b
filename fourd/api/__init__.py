"""The API of 4D built-in classes (Collection, 4D.Blob, 4D.Function, Signal…): member functions and properties."""
