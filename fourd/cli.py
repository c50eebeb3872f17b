"""Command-line interface (placeholder until the pipeline lands)."""
import click


@click.group()
def main():
    """fourd: run, check and test 4D code."""
