#!/usr/bin/python3
"""Baselines for the receipt classifier on the pipeline's own split (data/train.csv, data/holdout.csv):
the majority class, and a bag-of-words logistic regression (scikit-learn) over merchant + line items
plus one-hot currency, country, weekday and payment method. Prints accuracy and macro F1 on the
holdout, the figures BENCHMARKS.md compares ctkit's model with.

Run `bin/ctkit run examples/receipt-classifier` first (it generates the data), then
`/usr/bin/python3 examples/receipt-classifier/baselines.py`.
"""
import csv
import pathlib
import sys

from scipy.sparse import hstack
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import OneHotEncoder

DATA = pathlib.Path(__file__).resolve().parent / "data"
CATEGORICAL = ["currency", "country", "weekday", "payment_method"]


def read(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["text"] = r["merchant"] + " " + r["items"]
    return rows


def features(train, holdout):
    """Word counts of merchant + items and one-hot categories, fitted on the training rows only."""
    words = CountVectorizer().fit([r["text"] for r in train])
    onehot = OneHotEncoder(handle_unknown="ignore").fit([[r[c] for c in CATEGORICAL] for r in train])
    return [hstack([words.transform([r["text"] for r in rows]),
                    onehot.transform([[r[c] for c in CATEGORICAL] for r in rows])]).tocsr()
            for rows in (train, holdout)]


def main():
    if not (DATA / "train.csv").exists():
        sys.exit(f"{DATA / 'train.csv'} is missing: run `bin/ctkit run examples/receipt-classifier` first")
    train, holdout = read("train.csv"), read("holdout.csv")
    y_train, y_holdout = [r["category"] for r in train], [r["category"] for r in holdout]
    x_train, x_holdout = features(train, holdout)
    models = {
        "majority class": DummyClassifier(strategy="most_frequent"),
        "bag-of-words logistic regression": LogisticRegression(max_iter=2000),
    }
    for name, model in models.items():
        model.fit(x_train, y_train)
        pred = model.predict(x_holdout)
        print(f"{name}: accuracy {accuracy_score(y_holdout, pred):.4f}, "
              f"f1_macro {f1_score(y_holdout, pred, average='macro'):.4f} on {len(y_holdout)} holdout rows")


if __name__ == "__main__":
    main()
