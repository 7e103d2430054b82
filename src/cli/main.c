/* cli/main.c - placeholder until the command table lands. */
#include <stdio.h>

int main(void)
{
	fputs("cvegate: not yet\n", stderr);
	return 2;
}
