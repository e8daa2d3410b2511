// A small design for the Yosys test: an 8-bit ALU with a registered result
// and a free-running counter, enough for synth to run every stage (proc,
// opt, fsm, memory, techmap, abc).
module alu (
	input  wire [2:0] op,
	input  wire [7:0] a,
	input  wire [7:0] b,
	output reg  [7:0] y,
	output wire       zero
);
	always @* begin
		case (op)
		3'd0: y = a + b;
		3'd1: y = a - b;
		3'd2: y = a & b;
		3'd3: y = a | b;
		3'd4: y = a ^ b;
		3'd5: y = a << b[2:0];
		3'd6: y = a >> b[2:0];
		default: y = (a < b) ? 8'd1 : 8'd0;
		endcase
	end
	assign zero = (y == 8'd0);
endmodule

module top (
	input  wire       clk,
	input  wire       rst,
	input  wire [2:0] op,
	input  wire [7:0] a,
	input  wire [7:0] b,
	output reg  [7:0] result,
	output reg        was_zero,
	output reg  [15:0] count
);
	wire [7:0] y;
	wire zero;

	alu u_alu (.op(op), .a(a), .b(b), .y(y), .zero(zero));

	always @(posedge clk) begin
		if (rst) begin
			result <= 8'd0;
			was_zero <= 1'b0;
			count <= 16'd0;
		end else begin
			result <= y;
			was_zero <= zero;
			count <= count + 16'd1;
		end
	end
endmodule
